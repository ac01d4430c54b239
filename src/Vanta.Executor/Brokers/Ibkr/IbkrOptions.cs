using System.Collections.Immutable;
using Vanta.Executor.Brokers.Common;
using Vanta.Http;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>How to reach an account through the IBKR Client Portal Gateway (which holds the login session: no token here).</summary>
/// <param name="BaseUri">API root including <c>/v1/api/</c>, by default the local gateway; tests point it at a stand-in.</param>
/// <param name="AccountId">Account id, e.g. <c>DU1234567</c> (<c>IBKR_ACCOUNT_ID</c>).</param>
public sealed record IbkrOptions(Uri BaseUri, string AccountId)
{
    public const string AccountIdName = "IBKR_ACCOUNT_ID";

    public static readonly Uri GatewayUri = new("https://localhost:5000/v1/api/");

    /// <summary>
    /// Order-reply message ids (<c>messageIds</c>, e.g. <c>o163</c> for the price-percentage constraint) the adapter
    /// may confirm on its own. A question carrying any other id, or none, is refused: the order is withdrawn and
    /// the submit fails non-retryably with IBKR's text. Empty by default: nothing is confirmed unseen.
    /// </summary>
    public ImmutableHashSet<string> AutoConfirmMessageIds { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Confirmations sent at most for one order before giving up.</summary>
    public int MaxReplies { get; init; } = 5;

    /// <summary>The gateway's global limit (10 requests/s through the CP Gateway; 50/s via api.ibkr.com).</summary>
    public RateLimit RateLimit { get; init; } = new(10, TimeSpan.FromSeconds(1));

    /// <summary><c>GET /iserver/account/orders</c> has its own limit of 1 request per 5 s.</summary>
    public RateLimit LiveOrdersRateLimit { get; init; } = new(1, TimeSpan.FromSeconds(5));

    /// <summary>Limit for one HTTP attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends of one order at most: the first plus resends after a 429 or after a lookup proved the order absent.</summary>
    public int MaxSubmitAttempts { get; init; } = 3;

    /// <summary>Wait before a resend when the venue gave no Retry-After; doubles each time.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A Retry-After longer than this is returned to the caller instead of waited out.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Contract ids pinned by symbol (for symbols whose lookup is ambiguous); others are resolved once and cached.</summary>
    public ImmutableDictionary<string, long> Conids { get; init; } = ImmutableDictionary<string, long>.Empty;

    public static IbkrOptions Gateway(string accountId) => new(GatewayUri, accountId);

    /// <summary>Options from <c>IBKR_ACCOUNT_ID</c>, or a fatal error saying it is missing.</summary>
    public static BrokerResult<IbkrOptions> FromSecrets(BrokerSecrets secrets, Uri? gateway = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var found = secrets.Require("ibkr", AccountIdName);
        return found.IsSuccess ? new IbkrOptions(gateway ?? GatewayUri, found.Value![AccountIdName]) : found.Error!;
    }

    /// <summary>The base URI with a trailing slash, so relative paths land under <c>/v1/api/</c>.</summary>
    internal Uri Root => BaseUri.AbsoluteUri.EndsWith('/') ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/");

    public override string ToString() => $"IbkrOptions {{ BaseUri = {BaseUri}, AccountId = {SecretMasker.Mask} }}";
}
