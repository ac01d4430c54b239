using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.CoinGecko;

namespace Vanta.Markets.Tests.Collectors.CoinGecko;

/// <summary>
/// Simple price. Fixtures: <c>simple_price.json</c> is the response example of shared/specs/rss-fred-crypto.md;
/// <c>openapi_simple_price_example.json</c> the example of the vendored CoinGecko OpenAPI file, both verbatim.
/// </summary>
public sealed class CoinGeckoSimplePriceParserTests
{
    private static readonly CoinGeckoSimplePriceParser Parser = new();

    private static RawDocument Fixture(string file) => TestData.Document(
        CoinGeckoSimplePriceParser.SourceKind, Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/CoinGecko/Fixtures", file));

    [Fact]
    public void The_spec_example_gives_one_quote_per_coin_with_its_statistics()
    {
        var result = Parser.Parse(Fixture("simple_price.json"));
        var quotes = result.Observations.Cast<PriceQuote>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(["BTC", "ETH"], quotes.Select(q => q.Symbol));
        var btc = quotes[0];
        Assert.Equal(("USD", 66388.31m, 1308400000000.12m, 23110450000.5m, 0.5512m), (btc.Currency, btc.Price, btc.MarketCap, btc.Volume24h, btc.Change24hPercent));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1718336400), btc.TsEvent);
        Assert.Equal(-0.8831m, quotes[1].Change24hPercent);
    }

    [Fact]
    public void The_openapi_example_is_read()
    {
        var quote = (PriceQuote)Assert.Single(Parser.Parse(Fixture("openapi_simple_price_example.json")).Observations);

        Assert.Equal(("BTC", 76975m, DateTimeOffset.FromUnixTimeSeconds(1779092258)), (quote.Symbol, quote.Price, quote.TsEvent));
    }

    [Fact]
    public void Unknown_ids_keep_the_upper_cased_id_and_missing_statistics_are_null()
    {
        var payload = "{\"some-new-coin\":{\"usd\":1.5,\"eur\":1.4},\"bitcoin\":{\"usd\":\"oops\"},\"ethereum\":5}";
        var result = Parser.Parse(TestData.Document("coingecko-price", "p.json", Encoding.UTF8.GetBytes(payload)));
        var quotes = result.Observations.Cast<PriceQuote>().ToList();

        Assert.Equal([("SOME-NEW-COIN", "USD"), ("SOME-NEW-COIN", "EUR")], quotes.Select(q => (q.Symbol, q.Currency)));
        Assert.All(quotes, q => Assert.Equal((null, TestData.FetchedAt), (q.MarketCap, q.TsEvent)));
        Assert.Equal(["p.json#bitcoin.usd", "p.json#ethereum"], result.Quarantined.Select(q => q.Location));
    }

    [Theory]
    [InlineData("{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate Limit.\"}}", "CoinGecko error 429: You've exceeded the Rate Limit.")]
    [InlineData("{\"bitcoin\":{\"usd\":", "not valid JSON")]
    [InlineData("[1]", "not a CoinGecko simple price answer")]
    public void Errors_and_wrong_shapes_are_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document("coingecko-price", "p.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }
}
