using Vanta.Executor.Brokers.Common;
using Vanta.Http;

namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>
/// Where and how to reach Alpaca's Trading API v2. Paper is the default: live trading has to be asked for by
/// base URI, and paper and live use different key pairs.
/// </summary>
/// <param name="BaseUri">REST root; <see cref="PaperUri"/> or <see cref="LiveUri"/>, or a stand-in in tests.</param>
public sealed record AlpacaOptions(Uri BaseUri)
{
    public static readonly Uri PaperUri = new("https://paper-api.alpaca.markets/");
    public static readonly Uri LiveUri = new("https://api.alpaca.markets/");

    /// <summary>Paper trading with the published limits.</summary>
    public static AlpacaOptions Paper { get; } = new(PaperUri);

    public AlpacaOptions() : this(PaperUri)
    {
    }

    /// <summary>The trade_updates stream; by default <c>wss://{host}/stream</c> (<c>ws://</c> when the REST root is plain http).</summary>
    public Uri? StreamUri { get; init; }

    /// <summary>Alpaca allows 200 requests a minute per API key.</summary>
    public RateLimit RateLimit { get; init; } = new(200, TimeSpan.FromMinutes(1));

    /// <summary>Limit for one HTTP attempt, and for each step of the stream's handshake.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A wait the venue asks for (Retry-After, rate-limit reset) longer than this is returned, not waited out.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Orders per page when listing (Alpaca's <c>limit</c>, at most 500).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>Pages read before listing gives up (a guard against a venue that never stops paging).</summary>
    public int MaxPages { get; init; } = 100;

    public Uri ResolvedStreamUri => StreamUri ?? new UriBuilder(BaseUri)
    {
        Scheme = BaseUri.Scheme == Uri.UriSchemeHttp ? "ws" : "wss",
        Path = "stream",
        Query = "",
    }.Uri;

    /// <summary>The transport settings for <see cref="BrokerHttp"/>, with both credentials registered for masking.</summary>
    public BrokerHttpOptions HttpOptions(AlpacaCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new BrokerHttpOptions(AlpacaBroker.VenueName, BaseUri)
        {
            RateLimit = RateLimit,
            Timeout = Timeout,
            MaxRetryAfter = MaxRetryAfter,
            Secrets = [credentials.KeyId, credentials.SecretKey],
        };
    }

    /// <summary>Throws for settings no venue could work with: options are built by code, so that is a bug.</summary>
    public AlpacaOptions Validated()
    {
        if (!BaseUri.IsAbsoluteUri)
            throw new ArgumentException($"Alpaca base URI must be absolute (was {BaseUri})", nameof(BaseUri));
        if (PageSize is < 1 or > 500)
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, "Alpaca pages hold 1 to 500 orders");
        if (MaxPages < 1 || Timeout <= TimeSpan.Zero || MaxRetryAfter < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(AlpacaOptions), this, "Alpaca options need MaxPages >= 1, a positive Timeout and a non-negative MaxRetryAfter");
        return this;
    }
}

/// <summary>An Alpaca key pair. <see cref="ToString"/> never shows either value.</summary>
public sealed record AlpacaCredentials(string KeyId, string SecretKey)
{
    public const string KeyIdVariable = "APCA_API_KEY_ID";
    public const string SecretKeyVariable = "APCA_API_SECRET_KEY";

    /// <summary>The pair from <see cref="BrokerSecrets"/>, or a fatal error naming the missing variables.</summary>
    public static BrokerResult<AlpacaCredentials> From(BrokerSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var found = secrets.Require(AlpacaBroker.VenueName, KeyIdVariable, SecretKeyVariable);
        return found.IsSuccess
            ? new AlpacaCredentials(found.Value![KeyIdVariable], found.Value[SecretKeyVariable])
            : found.Error!;
    }

    public override string ToString() => $"AlpacaCredentials({SecretMasker.Mask}, {SecretMasker.Mask})";
}
