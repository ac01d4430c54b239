using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace Vanta.Http.OAuth;

/// <summary>
/// An OAuth2 client-credentials token (Reddit's app-only flow), fetched through the polite pipeline and
/// cached until shortly before it expires. The secret and the token are masked everywhere and the token
/// answer is never journaled.
/// </summary>
public sealed class ClientCredentialsTokens(PoliteHttpClient http, Uri tokenEndpoint, string clientId, string clientSecret, TimeProvider time)
{
    // Renew a little early so a request never leaves with a token that expires on the way.
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    /// <summary>The access token, or the failure that prevented getting one.</summary>
    public async Task<TokenOutcome> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } cached && time.GetUtcNow() < cached.ExpiresAt - Margin)
                return new TokenOutcome(cached.Token, null);
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}"));
            var request = new FetchRequest("oauth-token", tokenEndpoint)
            {
                Method = HttpMethod.Post,
                Headers = ImmutableDictionary<string, string>.Empty.Add("Authorization", $"Basic {basic}"),
                Form = [new("grant_type", "client_credentials")],
                Confidential = true,
                Secrets = [clientSecret, basic],
            };
            var result = await http.FetchAsync(request, cancellationToken).ConfigureAwait(false);
            if (result is not FetchResult.Fetched fetched)
                return new TokenOutcome(null, Failure(result, tokenEndpoint));
            var token = Parse(fetched.Document.Content);
            if (token is null)
                return new TokenOutcome(null, new FetchFailure(FetchFailureKind.UnexpectedContent, FailureClass.Fatal, "token answer has no access_token (check the client id and secret)", tokenEndpoint.ToString(), fetched.Status));
            _cached = (token.Value.Token, time.GetUtcNow() + token.Value.ExpiresIn);
            return new TokenOutcome(token.Value.Token, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached token (after a 401), so the next call fetches a new one.</summary>
    public void Invalidate() => _cached = null;

    private static FetchFailure Failure(FetchResult result, Uri endpoint) => result switch
    {
        FetchResult.Failed failed => failed.Failure,
        _ => new FetchFailure(FetchFailureKind.UnexpectedContent, FailureClass.NonRetryable, "token endpoint answered 304", endpoint.ToString()),
    };

    private static (string Token, TimeSpan ExpiresIn)? Parse(byte[] content)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String)
                return null;
            var seconds = root.TryGetProperty("expires_in", out var expires) && expires.TryGetDouble(out var s) ? s : 3600;
            return (token.GetString()!, TimeSpan.FromSeconds(seconds));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A token, or why there is none.</summary>
public sealed record TokenOutcome(string? Token, FetchFailure? Failure);
