using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Vanta.Http;

namespace Vanta.Markets.Collectors.CoinGecko;

/// <summary>Which CoinGecko prices to fetch.</summary>
/// <param name="Base">Default <c>https://api.coingecko.com/api/v3/</c>.</param>
/// <param name="Ids">Coin API ids, e.g. <c>bitcoin</c>.</param>
/// <param name="VsCurrencies">e.g. <c>usd</c>.</param>
/// <param name="DemoApiKey">Sent as <c>x-cg-demo-api-key</c> when set (masked in reports).</param>
public sealed record CoinGeckoOptions(Uri Base, IReadOnlyList<string> Ids, IReadOnlyList<string> VsCurrencies, string? DemoApiKey = null)
{
    public override string ToString() => $"CoinGeckoOptions {{ Base = {Base}, Ids = [{string.Join(", ", Ids)}], DemoApiKey = {(DemoApiKey is null ? "none" : SecretMasker.Mask)} }}";
}

/// <summary>CoinGecko <c>GET /simple/price</c> for all configured ids in one request.</summary>
public sealed class CoinGeckoCollector(PoliteHttpClient http, CoinGeckoOptions options) : ICollector
{
    /// <summary>The simple-price parser's source kind.</summary>
    public const string Source = "coingecko-price";

    public string Name => "coingecko";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = $"ids={Uri.EscapeDataString(string.Join(',', options.Ids))}&vs_currencies={Uri.EscapeDataString(string.Join(',', options.VsCurrencies))}"
            + "&include_market_cap=true&include_24hr_vol=true&include_24hr_change=true&include_last_updated_at=true";
        var fetch = new FetchRequest(Source, new Uri(options.Base, "simple/price?" + query));
        if (options.DemoApiKey is { } key)
            fetch = fetch with { Headers = ImmutableDictionary<string, string>.Empty.Add("x-cg-demo-api-key", key), Secrets = [key] };
        yield return await http.FetchAsync(fetch, cancellationToken);
    }
}
