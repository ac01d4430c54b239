using System.Collections.Immutable;
using Vanta.Executor.Routing;

namespace Vanta.Executor.Tests.Routing;

public sealed class RouterTests
{
    private static readonly string[] Accounts = ["alpaca-main", "coinbase-main", "paper", "tradier-ira"];

    private static readonly RoutingConfig Config = new(
    [
        new RouteRule("retirement", null, "tradier-ira"),
        new RouteRule(null, AssetClass.Crypto, "coinbase-main"),
        new RouteRule("insider-cluster", AssetClass.Equity, "alpaca-main"),
    ], "paper");

    [Theory]
    [InlineData("BTC-USD", AssetClass.Crypto)]
    [InlineData("eth-usdt", AssetClass.Crypto)]
    [InlineData("SOL-EUR", AssetClass.Crypto)]
    [InlineData("BRK-B", AssetClass.Equity)]
    [InlineData("AAPL", AssetClass.Equity)]
    [InlineData("-USD", AssetClass.Equity)]
    public void Symbols_are_crypto_only_when_they_quote_in_a_currency(string symbol, AssetClass expected) =>
        Assert.Equal(expected, AssetClassifier.Classify(symbol, []));

    [Fact]
    public void A_crypto_or_equity_tag_decides_over_the_symbol()
    {
        Assert.Equal(AssetClass.Crypto, AssetClassifier.Classify("BTCUSDT", ["retail-cascade", "crypto"]));
        Assert.Equal(AssetClass.Equity, AssetClassifier.Classify("BTC-USD", ["equity"]));
    }

    [Fact]
    public void The_first_matching_rule_wins_and_the_default_takes_the_rest()
    {
        var router = new Router(Config, Accounts);
        Assert.Equal(new RouteDecision("tradier-ira", AssetClass.Crypto, 0), router.Route("BTC-USD", ["retirement"]));
        Assert.Equal(new RouteDecision("coinbase-main", AssetClass.Crypto, 1), router.Route("BTC-USD", []));
        Assert.Equal(new RouteDecision("coinbase-main", AssetClass.Crypto, 1), router.Route("DOGE", ["crypto", "insider-cluster"]));
        Assert.Equal(new RouteDecision("alpaca-main", AssetClass.Equity, 2), router.Route("AAPL", ["insider-cluster"]));
        var fallback = router.Route("AAPL", ["retail-cascade"]); // an equity without the insider tag: no rule
        Assert.Equal(new RouteDecision("paper", AssetClass.Equity, -1), fallback);
        Assert.True(fallback.IsDefault);
        Assert.Equal("paper", router.Route("MSFT", default).Account);
    }

    [Fact]
    public void A_config_naming_an_unknown_account_is_refused_with_the_path()
    {
        var config = Config with { Rules = Config.Rules.Add(new RouteRule("crypto", null, "kraken")) };
        var error = Assert.Throws<RoutingConfigException>(() => new Router(config, Accounts));
        var single = Assert.Single(error.Errors);
        Assert.Equal("rules[3].account", single.Path);
        Assert.Equal("unknown account 'kraken' (known: alpaca-main, coinbase-main, paper, tradier-ira)", single.Message);
        Assert.Contains("rules[3].account: unknown account 'kraken'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path()
    {
        var config = new RoutingConfig(
        [
            new RouteRule(null, null, "paper"),
            new RouteRule(" ", (AssetClass)9, ""),
            null!,
        ], "");
        Assert.Equal(
        [
            "default_account: must name a broker account (was blank)",
            "rules[0]: must name a tag or an asset_class to match (names neither)",
            "rules[1].tag: must not be blank",
            "rules[1].asset_class: must be equity or crypto (was 9)",
            "rules[1].account: must name a broker account (was blank)",
            "rules[2]: must be a rule (was null)",
        ], config.Validate(Accounts).Select(e => e.ToString()));
        Assert.Equal(["rules: must be a list (was missing)"], new RoutingConfig(default, "paper").Validate(Accounts).Select(e => e.ToString()));
    }

    [Fact]
    public void All_to_one_account_routes_everything_there()
    {
        var router = new Router(RoutingConfig.AllTo("paper"), ["paper"]);
        Assert.Equal("paper", router.Route("BTC-USD", ImmutableArray.Create("crypto")).Account);
        Assert.Equal("paper", router.Route("AAPL", []).Account);
        Assert.Throws<RoutingConfigException>(() => new Router(RoutingConfig.AllTo("paper"), []));
    }
}
