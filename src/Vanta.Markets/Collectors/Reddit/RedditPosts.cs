using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>Turns the fields of a submission (<c>t3</c>) or comment (<c>t1</c>) into a <see cref="SocialPost"/>.</summary>
internal static class RedditPosts
{
    private const string Platform = "reddit";
    private const string Site = "https://www.reddit.com";

    /// <summary>The post, or null with the quarantine reason when a required field is missing or bad.</summary>
    public static SocialPost? TryCreate(RedditFields data, string kind, RedditSymbols symbols, out string? reason)
    {
        var submission = kind == "t3";
        var title = submission ? data.Title : data.LinkTitle ?? "";
        var body = submission ? data.Selftext ?? "" : data.Body;
        var missing = data.Id is null ? "id" : data.Subreddit is null ? "subreddit" : data.Author is null ? "author"
            : title is null ? "title" : body is null ? "body" : data.Score is null ? "score" : null;
        if (missing is not null)
        {
            reason = RedditReasons.MissingField(missing);
            return null;
        }

        var (timeField, tsEvent) = data.CreatedAt();
        if (tsEvent is null)
        {
            reason = timeField is null ? RedditReasons.MissingField("created_utc") : RedditReasons.BadTime(timeField);
            return null;
        }

        reason = null;
        return new SocialPost(
            $"{kind}_{data.Id}", Platform, data.Subreddit!, data.Author!, title!, body!, Url(data, submission),
            data.Score!.Value, tsEvent.Value, symbols.Extract(body!.Length == 0 ? title! : $"{title}\n{body}"));
    }

    /// <summary>The discussion's address: the permalink when given, else the link, else one built from the ids.</summary>
    private static string Url(RedditFields data, bool submission)
    {
        if (data.Permalink is { } permalink)
            return permalink.StartsWith('/') ? Site + permalink : permalink;
        if (submission)
            return data.Url ?? $"{Site}/r/{data.Subreddit}/comments/{data.Id}/";
        return data.LinkId is not { } link
            ? $"{Site}/r/{data.Subreddit}/comments/-/_/{data.Id}/"
            : $"{Site}/r/{data.Subreddit}/comments/{link.Replace("t3_", "", StringComparison.Ordinal)}/_/{data.Id}/";
    }
}
