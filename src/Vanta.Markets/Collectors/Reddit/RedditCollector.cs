using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Vanta.Http;
using Vanta.Http.OAuth;
using Vanta.Http.RateLimiting;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>App-only OAuth credentials; the secret is never shown.</summary>
public sealed record RedditCredentials(string ClientId, string ClientSecret)
{
    /// <summary>From <c>REDDIT_CLIENT_ID</c> / <c>REDDIT_CLIENT_SECRET</c>, or null when either is unset.</summary>
    public static RedditCredentials? FromEnvironment() =>
        Environment.GetEnvironmentVariable("REDDIT_CLIENT_ID") is { Length: > 0 } id
        && Environment.GetEnvironmentVariable("REDDIT_CLIENT_SECRET") is { } secret
            ? new RedditCredentials(id, secret)
            : null;

    public override string ToString() => $"RedditCredentials {{ ClientId = {ClientId}, ClientSecret = {SecretMasker.Mask} }}";
}

/// <summary>What to read: subreddits and the listing sort (<c>new</c> or <c>hot</c>).</summary>
public sealed record RedditOptions(IReadOnlyList<string> Subreddits, string Sort = "new");

/// <summary>
/// Reddit through the OAuth API: a client-credentials token (cached until it expires, renewed once
/// after a 401), listing pages followed with <c>after</c> up to the requested number of pages, and the
/// <c>X-Ratelimit-*</c> budget obeyed by waiting for the reset when it runs out. The 100 requests/minute
/// spacing and the User-Agent come from the client's Reddit policy.
/// </summary>
public sealed class RedditCollector : ICollector
{
    /// <summary>Source kinds stamped on what this collector fetches (the listing parser's kind for listings).</summary>
    public const string ListingSource = "reddit-listing", CommentsSource = "reddit-comments";

    private readonly PoliteHttpClient _http;
    private readonly RedditEndpoints _endpoints;
    private readonly RedditOptions _options;
    private readonly ClientCredentialsTokens _tokens;
    private readonly RemainingHeaderGate _budget;
    private readonly string _secret;

    public RedditCollector(PoliteHttpClient http, RedditEndpoints endpoints, RedditCredentials credentials, RedditOptions options, TimeProvider time)
    {
        if (options.Sort is not ("new" or "hot"))
            throw new ArgumentException($"Reddit sort must be new or hot (was {options.Sort})", nameof(options));
        _http = http;
        _endpoints = endpoints;
        _options = options;
        _secret = credentials.ClientSecret;
        _tokens = new ClientCredentialsTokens(http, endpoints.TokenUri, credentials.ClientId, credentials.ClientSecret, time);
        _budget = new RemainingHeaderGate(time);
    }

    public string Name => "reddit";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var subreddit in _options.Subreddits)
        {
            string? after = null;
            for (var page = 0; page < request.MaxPages; page++)
            {
                var uri = _endpoints.Listing(subreddit, _options.Sort, request.PageSize, after);
                var result = await FetchAuthorizedAsync(ListingSource, uri, cancellationToken);
                yield return result;
                if (result is not FetchResult.Fetched fetched)
                    break;
                await _budget.ObeyAsync(fetched.Headers, cancellationToken);
                after = After(fetched.Document.Content);
                if (after is null)
                    break;
            }
        }
    }

    /// <summary>The comments of one post.</summary>
    public async Task<FetchResult> CommentsAsync(string subreddit, string articleId, int limit, CancellationToken cancellationToken)
    {
        var result = await FetchAuthorizedAsync(CommentsSource, _endpoints.Comments(subreddit, articleId, limit), cancellationToken);
        if (result is FetchResult.Fetched fetched)
            await _budget.ObeyAsync(fetched.Headers, cancellationToken);
        return result;
    }

    private async Task<FetchResult> FetchAuthorizedAsync(string source, Uri uri, CancellationToken cancellationToken)
    {
        FetchResult? result = null;
        // A token can be revoked before it expires: on 401 fetch a fresh one and try once more.
        for (var round = 0; round < 2; round++)
        {
            var token = await _tokens.GetAsync(cancellationToken);
            if (token.Token is null)
                return new FetchResult.Failed(token.Failure!, []);
            var request = new FetchRequest(source, uri)
            {
                Headers = ImmutableDictionary<string, string>.Empty.Add("Authorization", $"bearer {token.Token}"),
                Secrets = [token.Token, _secret],
            };
            result = await _http.FetchAsync(request, cancellationToken);
            if (result is not FetchResult.Failed { Failure.Status: System.Net.HttpStatusCode.Unauthorized })
                return result;
            _tokens.Invalidate();
        }
        return result!;
    }

    /// <summary>The listing's <c>data.after</c>; null at the end or when the page is not a listing (its parser will say why).</summary>
    private static string? After(byte[] content)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String
                    ? after.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
