using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>
/// One forward pass over a Reddit payload with <see cref="Utf8JsonReader"/>: a Listing, or an array of
/// Listings (the comments endpoint), with <c>replies</c> Listings read recursively and flattened after their
/// parent. Only the fields a post needs are turned into strings; everything else is skipped.
/// </summary>
internal sealed class RedditJsonReader(RawDocument document, string sourceKind, RedditSymbols symbols)
{
    public List<IObservation> Posts { get; } = [];

    public ImmutableArray<QuarantineEntry>.Builder Quarantined { get; } = ImmutableArray.CreateBuilder<QuarantineEntry>();

    public List<string> More { get; } = [];

    public string? After { get; private set; }

    public string? Before { get; private set; }

    /// <summary>Reads the whole payload; false when its top level is not a Listing or an array of Listings.</summary>
    public bool ReadDocument(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
            return ReadListing(ref reader, "", Posts, top: true);
        if (reader.TokenType != JsonTokenType.StartArray)
            return false;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject
                || !ReadListing(ref reader, string.Create(CultureInfo.InvariantCulture, $"[{index}]."), Posts, top: true))
                return false;
            index++;
        }
        return index > 0;
    }

    public void Quarantine(string location, string reason) =>
        Quarantined.Add(new QuarantineEntry(sourceKind, location, reason, document.Sha256, document.FetchedAt));

    /// <summary>Reads a Listing object (the reader is on its start); true when it was one.</summary>
    private bool ReadListing(ref Utf8JsonReader reader, string path, List<IObservation> into, bool top)
    {
        string? kind = null;
        var hasChildren = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isKind = reader.ValueTextEquals("kind"u8);
            var isData = !isKind && reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isKind)
                kind = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            else if (isData && reader.TokenType == JsonTokenType.StartObject)
                hasChildren = ReadListingData(ref reader, path, into, top);
            else
                reader.Skip();
        }
        return kind == "Listing" && hasChildren;
    }

    private bool ReadListingData(ref Utf8JsonReader reader, string path, List<IObservation> into, bool top)
    {
        var hasChildren = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.ValueTextEquals("children"u8) ? 1 : reader.ValueTextEquals("after"u8) ? 2 : reader.ValueTextEquals("before"u8) ? 3 : 0;
            reader.Read();
            if (name == 1 && reader.TokenType == JsonTokenType.StartArray)
            {
                hasChildren = true;
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    ReadThing(ref reader, path, index++, into);
            }
            else if (name is 2 or 3 && top && reader.TokenType == JsonTokenType.String)
            {
                if (name == 2)
                    After = reader.GetString();
                else
                    Before = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        return hasChildren;
    }

    private void ReadThing(ref Utf8JsonReader reader, string path, int index, List<IObservation> into)
    {
        string Location() => string.Create(CultureInfo.InvariantCulture, $"{document.Uri}#{path}children[{index}]");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            Quarantine(Location(), RedditReasons.UnsupportedKind(null));
            return;
        }

        string? kind = null;
        RedditFields? fields = null;
        List<IObservation>? replies = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isKind = reader.ValueTextEquals("kind"u8);
            var isData = !isKind && reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isKind)
                kind = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            else if (isData && reader.TokenType == JsonTokenType.StartObject)
                fields = ReadData(ref reader, path, index, ref replies);
            else
                reader.Skip();
        }

        if (kind == "more")
        {
            More.AddRange(fields?.MoreIds ?? []);
            return;
        }
        var reason = kind is not ("t3" or "t1") ? RedditReasons.UnsupportedKind(kind)
            : fields is null ? RedditReasons.NoData
            : fields.InvalidUtf8 is { } bad ? RedditReasons.InvalidUtf8(bad)
            : null;
        if (reason is null)
        {
            var post = RedditPosts.TryCreate(fields!, kind!, symbols, out reason);
            if (post is not null)
                into.Add(post);
        }
        if (reason is not null)
            Quarantine(Location(), reason);
        if (replies is not null)
            into.AddRange(replies);
    }

    private RedditFields ReadData(ref Utf8JsonReader reader, string path, int index, ref List<IObservation>? replies)
    {
        var f = new RedditFields();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = RedditFields.Classify(ref reader);
            reader.Read();
            switch (name)
            {
                case RedditFields.Name.Id: f.Id = f.String(ref reader, "id"); break;
                case RedditFields.Name.Subreddit: f.Subreddit = f.String(ref reader, "subreddit"); break;
                case RedditFields.Name.Author: f.Author = f.String(ref reader, "author"); break;
                case RedditFields.Name.Title: f.Title = f.String(ref reader, "title"); break;
                case RedditFields.Name.LinkTitle: f.LinkTitle = f.String(ref reader, "link_title"); break;
                case RedditFields.Name.Selftext: f.Selftext = f.String(ref reader, "selftext"); break;
                case RedditFields.Name.Body: f.Body = f.String(ref reader, "body"); break;
                case RedditFields.Name.Permalink: f.Permalink = f.String(ref reader, "permalink"); break;
                case RedditFields.Name.Url: f.Url = f.String(ref reader, "url"); break;
                case RedditFields.Name.LinkId: f.LinkId = f.String(ref reader, "link_id"); break;
                case RedditFields.Name.Score: f.Score = RedditFields.Int(ref reader); break;
                case RedditFields.Name.CreatedUtc:
                    f.CreatedUtcIsNumber = reader.TokenType == JsonTokenType.Number;
                    f.CreatedUtc = RedditFields.Seconds(ref reader);
                    break;
                case RedditFields.Name.Created:
                    f.CreatedIsNumber = reader.TokenType == JsonTokenType.Number;
                    f.Created = RedditFields.Seconds(ref reader);
                    break;
                case RedditFields.Name.Replies when reader.TokenType == JsonTokenType.StartObject:
                    replies ??= [];
                    var repliesPath = string.Create(CultureInfo.InvariantCulture, $"{path}children[{index}].replies.");
                    if (!ReadListing(ref reader, repliesPath, replies, top: false))
                        Quarantine(document.Uri + "#" + repliesPath.TrimEnd('.'), RedditReasons.RepliesNotListing);
                    break;
                case RedditFields.Name.Children when reader.TokenType == JsonTokenType.StartArray:
                    f.MoreIds ??= [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.String && f.String(ref reader, "children") is { } id)
                            f.MoreIds.Add(id);
                        else
                            reader.Skip();
                    }
                    break;
                default: reader.Skip(); break;
            }
        }
        return f;
    }
}
