using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>
/// Reads a Reddit API <c>Listing</c> (JSON) of submissions (<c>t3</c>) and comments (<c>t1</c>) into
/// <see cref="SocialPost"/>s. A child that is another kind or lacks a field is quarantined as
/// <c>children[i]</c> (zero-based, as in the JSON); a payload that is not a Listing is quarantined whole.
/// </summary>
public sealed class RedditListingParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "reddit-listing";

    private const string Platform = "reddit";
    private const string Site = "https://www.reddit.com";

    private readonly RedditSymbols _symbols;

    /// <summary>A parser that maps mentions with <paramref name="symbols"/>.</summary>
    public RedditListingParser(RedditSymbols symbols)
    {
        _symbols = symbols;
    }

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        QuarantineEntry Quarantine(string location, string reason) =>
            new(SourceKind, location, reason, document.Sha256, document.FetchedAt);

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(DocumentBytes.WithoutBom(document.Content));
        }
        catch (JsonException e)
        {
            return new ParseResult([], [Quarantine(document.Uri, RedditReasons.NotJson(e.Message))]);
        }

        using (json)
        {
            if (!TryChildren(json.RootElement, out var children))
                return new ParseResult([], [Quarantine(document.Uri, RedditReasons.NotListing)]);

            var posts = ImmutableArray.CreateBuilder<IObservation>();
            var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
            var index = 0;
            foreach (var child in children.EnumerateArray())
            {
                var location = string.Create(CultureInfo.InvariantCulture, $"{document.Uri}#children[{index++}]");
                var reason = TryRead(child, out var post);
                if (post is not null)
                    posts.Add(post);
                else
                    quarantined.Add(Quarantine(location, reason!));
            }
            return new ParseResult(posts.ToImmutable(), quarantined.ToImmutable());
        }
    }

    private static bool TryChildren(JsonElement root, out JsonElement children)
    {
        children = default;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == "Listing"
            && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("children", out children) && children.ValueKind == JsonValueKind.Array;
    }

    /// <summary>Reads one child; returns the quarantine reason when <paramref name="post"/> is null.</summary>
    private string? TryRead(JsonElement child, out SocialPost? post)
    {
        post = null;
        var kind = child.ValueKind == JsonValueKind.Object ? RedditFields.String(child, "kind") : null;
        if (kind is not ("t3" or "t1"))
            return RedditReasons.UnsupportedKind(kind);
        if (!child.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            return RedditReasons.NoData;

        var submission = kind == "t3";
        var id = RedditFields.String(data, "id");
        var subreddit = RedditFields.String(data, "subreddit");
        var author = RedditFields.String(data, "author");
        var title = submission ? RedditFields.String(data, "title") : RedditFields.String(data, "link_title") ?? "";
        var body = submission ? RedditFields.String(data, "selftext") ?? "" : RedditFields.String(data, "body");
        var score = RedditFields.Int(data, "score");
        var missing = id is null ? "id" : subreddit is null ? "subreddit" : author is null ? "author"
            : title is null ? "title" : body is null ? "body" : score is null ? "score" : null;
        if (missing is not null)
            return RedditReasons.MissingField(missing);

        var (timeField, tsEvent) = RedditFields.CreatedAt(data);
        if (tsEvent is null)
            return timeField is null ? RedditReasons.MissingField("created_utc") : RedditReasons.BadTime(timeField);

        post = new SocialPost(
            $"{kind}_{id}", Platform, subreddit!, author!, title!, body!, Url(data, submission, subreddit!, id!),
            score!.Value, tsEvent.Value, _symbols.Extract($"{title}\n{body}"));
        return null;
    }

    /// <summary>The discussion's address: the permalink when given, else the link, else one built from the ids.</summary>
    private static string Url(JsonElement data, bool submission, string subreddit, string id)
    {
        if (RedditFields.String(data, "permalink") is { } permalink)
            return permalink.StartsWith('/') ? Site + permalink : permalink;
        if (submission)
            return RedditFields.String(data, "url") ?? $"{Site}/r/{subreddit}/comments/{id}/";
        var link = RedditFields.String(data, "link_id");
        return link is null
            ? $"{Site}/r/{subreddit}/comments/-/_/{id}/"
            : $"{Site}/r/{subreddit}/comments/{link.Replace("t3_", "", StringComparison.Ordinal)}/_/{id}/";
    }
}
