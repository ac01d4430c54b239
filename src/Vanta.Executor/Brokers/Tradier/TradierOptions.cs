using Vanta.Executor.Brokers.Common;
using Vanta.Http;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>How to reach one Tradier account. Build with <see cref="Production"/>, <see cref="Sandbox"/> or <see cref="FromSecrets"/>.</summary>
/// <param name="BaseUri">API root including <c>/v1/</c>; tests point it at a stand-in.</param>
/// <param name="AccountId">Account number, e.g. <c>VA000000</c> (<c>TRADIER_ACCOUNT_ID</c>).</param>
/// <param name="AccessToken">Bearer token (<c>TRADIER_ACCESS_TOKEN</c>); never printed.</param>
public sealed record TradierOptions(Uri BaseUri, string AccountId, string AccessToken)
{
    public const string AccessTokenName = "TRADIER_ACCESS_TOKEN";
    public const string AccountIdName = "TRADIER_ACCOUNT_ID";

    public static readonly Uri ProductionUri = new("https://api.tradier.com/v1/");
    public static readonly Uri SandboxUri = new("https://sandbox.tradier.com/v1/");

    /// <summary>The standard bucket (account and order reads): 120/min in production, 60/min in the sandbox.</summary>
    public RateLimit ReadRateLimit { get; init; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>The trading bucket (place, modify, cancel), commonly 60/min.</summary>
    public RateLimit TradingRateLimit { get; init; } = new(60, TimeSpan.FromMinutes(1));

    /// <summary>Limit for one HTTP attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends of one order at most: the first plus resends after a 429 or after a lookup proved the order absent.</summary>
    public int MaxSubmitAttempts { get; init; } = 3;

    /// <summary>Wait before a resend when the venue gave no Retry-After; doubles each time.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A Retry-After longer than this is returned to the caller instead of waited out.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Orders per page when listing (Tradier's <c>limit</c>).</summary>
    public int ListPageSize { get; init; } = 100;

    /// <summary>Pages read at most when looking for an order by tag.</summary>
    public int MaxListPages { get; init; } = 20;

    /// <summary>
    /// List the account's orders for the tag before the first send. Tradier does not refuse a repeated tag, so
    /// this is what keeps a replayed intent (say after a restart) from placing a second order.
    /// </summary>
    public bool LookUpBeforeSubmit { get; init; } = true;

    public static TradierOptions Production(string accountId, string accessToken) => new(ProductionUri, accountId, accessToken);

    public static TradierOptions Sandbox(string accountId, string accessToken) =>
        new(SandboxUri, accountId, accessToken) { ReadRateLimit = new(60, TimeSpan.FromMinutes(1)) };

    /// <summary>Options from <c>TRADIER_ACCESS_TOKEN</c> and <c>TRADIER_ACCOUNT_ID</c>, or a fatal error naming the missing ones.</summary>
    public static BrokerResult<TradierOptions> FromSecrets(BrokerSecrets secrets, bool sandbox)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var found = secrets.Require("tradier", AccessTokenName, AccountIdName);
        if (!found.IsSuccess)
            return found.Error!;
        var values = found.Value!;
        return sandbox ? Sandbox(values[AccountIdName], values[AccessTokenName]) : Production(values[AccountIdName], values[AccessTokenName]);
    }

    /// <summary>The base URI with a trailing slash, so relative paths land under <c>/v1/</c>.</summary>
    internal Uri Root => BaseUri.AbsoluteUri.EndsWith('/') ? BaseUri : new Uri(BaseUri.AbsoluteUri + "/");

    // Records print every property; the token must never reach a log.
    public override string ToString() => $"TradierOptions {{ BaseUri = {BaseUri}, AccountId = {AccountId}, AccessToken = {SecretMasker.Mask} }}";
}
