using System.Globalization;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>Reddit's OAuth token endpoint and API host, configurable for tests.</summary>
/// <param name="TokenUri">Default <c>https://www.reddit.com/api/v1/access_token</c>.</param>
/// <param name="ApiBase">Default <c>https://oauth.reddit.com/</c>.</param>
public sealed record RedditEndpoints(Uri TokenUri, Uri ApiBase)
{
    /// <summary>The real hosts.</summary>
    public static RedditEndpoints Live { get; } = new(new Uri("https://www.reddit.com/api/v1/access_token"), new Uri("https://oauth.reddit.com/"));

    /// <summary>A subreddit listing page (<c>new</c> or <c>hot</c>), with <c>raw_json=1</c> so text is not HTML-escaped.</summary>
    public Uri Listing(string subreddit, string sort, int limit, string? after)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"limit={Math.Clamp(limit, 1, 100)}&raw_json=1");
        if (after is not null)
            query += "&after=" + Uri.EscapeDataString(after);
        return new Uri(ApiBase, $"r/{Uri.EscapeDataString(subreddit)}/{sort}?{query}");
    }

    /// <summary>A post's comments: a two-element array of listings (the post, then its comment tree).</summary>
    public Uri Comments(string subreddit, string articleId, int limit) =>
        new(ApiBase, string.Create(CultureInfo.InvariantCulture, $"r/{Uri.EscapeDataString(subreddit)}/comments/{Uri.EscapeDataString(articleId)}?limit={limit}&raw_json=1"));
}
