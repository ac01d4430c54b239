using System.Text.Json;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>
/// The fields of one Thing's <c>data</c> object that the parser needs, read in one pass. A field is null when
/// absent or of another type; <see cref="InvalidUtf8"/> names a string field whose bytes were not UTF-8.
/// </summary>
internal sealed class RedditFields
{
    public string? Id, Subreddit, Author, Title, LinkTitle, Selftext, Body, Permalink, Url, LinkId, InvalidUtf8;
    public int? Score;
    public decimal? CreatedUtc, Created;
    public bool CreatedUtcIsNumber, CreatedIsNumber;
    public List<string>? MoreIds;

    /// <summary>The property names read; others are skipped.</summary>
    public enum Name { Other, Id, Subreddit, Author, Title, LinkTitle, Selftext, Body, Score, CreatedUtc, Created, Permalink, Url, LinkId, Replies, Children }

    public static Name Classify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
            return Classify(reader.ValueSpan);
        // Unescaping never lengthens a name, so one that fits escaped fits unescaped.
        Span<byte> buffer = stackalloc byte[32];
        return reader.ValueSpan.Length <= buffer.Length ? Classify(buffer[..reader.CopyString(buffer)]) : Name.Other;
    }

    private static Name Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Name.Id,
        3 when name.SequenceEqual("url"u8) => Name.Url,
        4 when name.SequenceEqual("body"u8) => Name.Body,
        5 when name.SequenceEqual("title"u8) => Name.Title,
        5 when name.SequenceEqual("score"u8) => Name.Score,
        6 when name.SequenceEqual("author"u8) => Name.Author,
        7 when name.SequenceEqual("created"u8) => Name.Created,
        7 when name.SequenceEqual("link_id"u8) => Name.LinkId,
        7 when name.SequenceEqual("replies"u8) => Name.Replies,
        8 when name.SequenceEqual("selftext"u8) => Name.Selftext,
        8 when name.SequenceEqual("children"u8) => Name.Children,
        9 when name.SequenceEqual("subreddit"u8) => Name.Subreddit,
        9 when name.SequenceEqual("permalink"u8) => Name.Permalink,
        10 when name.SequenceEqual("link_title"u8) => Name.LinkTitle,
        11 when name.SequenceEqual("created_utc"u8) => Name.CreatedUtc,
        _ => Name.Other,
    };

    /// <summary>Reads the current value as a string, or null when it is another type or not UTF-8.</summary>
    public string? String(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
            return null;
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            InvalidUtf8 ??= field;
            return null;
        }
    }

    public static int? Int(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;

    /// <summary>A Unix time as decimal seconds (exact for fractions), or null when not a number or out of range.</summary>
    public static decimal? Seconds(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var seconds) && seconds >= 0m && seconds <= 253_402_300_799m
            ? seconds : null;

    /// <summary>
    /// The creation time: <c>created_utc</c>, else the legacy <c>created</c>. Returns the field used
    /// (null when neither is a number) and the time (null when that number is not a Unix time in range).
    /// </summary>
    public (string? Field, DateTimeOffset? Time) CreatedAt()
    {
        if (CreatedUtcIsNumber)
            return ("created_utc", ToTime(CreatedUtc));
        if (CreatedIsNumber)
            return ("created", ToTime(Created));
        return (null, null);
    }

    private static DateTimeOffset? ToTime(decimal? seconds) =>
        seconds is { } s ? DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Truncate(s * TimeSpan.TicksPerSecond)) : null;
}
