using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.CoinGecko;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

/// <summary>CoinGecko simple price against the stand-in server, serving the spec example of <c>Collectors/CoinGecko/Fixtures</c>.</summary>
public sealed class CoinGeckoCollectorTests
{
    private const string Agent = "vanta-harvest/0.3 ops@example.com";
    private const string PricePath = "/api/v3/simple/price";
    private const string DemoKey = "CG-d3moKey7Qx9ZpL2mN4vB8cR1t";

    private static readonly byte[] SimplePrice =
        File.ReadAllBytes(Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/CoinGecko/Fixtures/simple_price.json"));

    [Fact]
    public async Task All_ids_and_currencies_go_in_one_simple_price_request_with_every_include_flag()
    {
        await using var h = new LiveHarness();
        h.Server.Script(PricePath, StandInResponse.Bytes(SimplePrice, "application/json"));
        var options = new CoinGeckoOptions(h.Server.Url("/api/v3/"), ["bitcoin", "ethereum"], ["usd", "eur"]);

        var results = await h.CollectAsync(new CoinGeckoCollector(h.Client(Policy()), options).CollectAsync(new CollectorRequest(), CancellationToken.None));

        var document = Assert.IsType<FetchResult.Fetched>(Assert.Single(results)).Document;
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal(("GET", PricePath), (request.Method, request.Path));
        Assert.Equal(
            ["ids", "vs_currencies", "include_market_cap", "include_24hr_vol", "include_24hr_change", "include_last_updated_at"],
            request.Query.Split('&').Select(pair => pair.Split('=')[0]));
        Assert.Equal(("bitcoin,ethereum", "usd,eur"), (request.QueryValue("ids"), request.QueryValue("vs_currencies")));
        Assert.Equal(
            ["true", "true", "true", "true"],
            new[] { "include_market_cap", "include_24hr_vol", "include_24hr_change", "include_last_updated_at" }.Select(request.QueryValue));
        Assert.Equal((Agent, "application/json"), (request.Header("User-Agent"), request.Header("Accept")));
        Assert.Null(request.Header("x-cg-demo-api-key"));
        Assert.Equal("coingecko-price", document.Source);
        Assert.Equal(h.Server.Url(PricePath) + "?" + request.Query, document.Uri);
        Assert.Equal(SimplePrice, document.Content);
        Assert.Same(document, Assert.Single(h.Journal));
        Assert.True(ParserCatalog.TryCreate(document.Source, out var parser));
        Assert.Equal(["BTC", "ETH"], parser.Parse(document).Observations.Cast<PriceQuote>().Select(q => q.Symbol));
    }

    [Fact]
    public async Task The_demo_key_is_sent_as_a_header_but_never_kept_in_the_journaled_uri_or_a_failure_reason()
    {
        await using var h = new LiveHarness();
        // The second answer is a server that echoes the key back in its status line.
        h.Server.Script(PricePath,
            StandInResponse.Bytes(SimplePrice, "application/json"),
            StandInResponse.Json("""{"status": {"error_code": 10002, "error_message": "invalid key"}}""", 401) with { Reason = $"Key {DemoKey} Rejected" });
        var options = new CoinGeckoOptions(h.Server.Url("/api/v3/"), ["bitcoin"], ["usd"], DemoKey);
        var collector = new CoinGeckoCollector(h.Client(Policy()), options);

        var fetched = await h.CollectAsync(collector.CollectAsync(new CollectorRequest(), CancellationToken.None));
        var refused = await h.CollectAsync(collector.CollectAsync(new CollectorRequest(), CancellationToken.None));

        var requests = h.Server.RequestsTo(PricePath);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(DemoKey, r.Header("x-cg-demo-api-key")));
        Assert.All(requests, r => Assert.DoesNotContain(DemoKey, r.Query, StringComparison.Ordinal));
        var document = Assert.IsType<FetchResult.Fetched>(Assert.Single(fetched)).Document;
        Assert.Equal(h.Server.Url(PricePath) + "?" + requests[0].Query, document.Uri);
        Assert.Same(document, Assert.Single(h.Journal));
        var failure = Assert.IsType<FetchResult.Failed>(Assert.Single(refused)).Failure;
        Assert.Equal((FetchFailureKind.Unauthorized, FailureClass.Fatal), (failure.Kind, failure.Class));
        Assert.Contains($"Key {SecretMasker.Mask} Rejected", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoKey, document.Uri + failure.Reason + failure.Uri + options, StringComparison.Ordinal);
    }

    /// <summary>The policy the collector factory gives CoinGecko.</summary>
    private static HttpSourcePolicy Policy() =>
        HttpSourcePolicies.Json("coingecko", Agent, new RateLimit(30, TimeSpan.FromMinutes(1)), "x_cg_demo_api_key");
}
