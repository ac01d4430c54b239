using Microsoft.Extensions.Time.Testing;
using Vanta.Executor.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Common.BrokerAssert;
using static Vanta.Executor.Tests.Brokers.Tradier.TradierFixture;

namespace Vanta.Executor.Tests.Brokers.Tradier;

public sealed class TradierAccountTests
{
    [Theory]
    [InlineData("""{"positions": "null"}""", 0)]
    [InlineData("""{"positions": {"position": {"cost_basis": 2071.05000000, "date_acquired": "2018-08-08T14:41:11.405Z", "id": 130089, "quantity": 15.00000000, "symbol": "AAPL"}}}""", 1)]
    [InlineData("""{"positions": {"position": [{"cost_basis": 2071.05, "id": 1, "quantity": 15.0, "symbol": "AAPL"}, {"cost_basis": -1000.0, "id": 2, "quantity": -20.0, "symbol": "SPY"}]}}""", 2)]
    public async Task Positions_accept_null_a_single_object_or_an_array(string body, int count)
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.PositionsJson = body;

        var positions = (await Broker(venue, http).GetPositionsAsync()).GetValueOrThrow();

        Assert.Equal(count, positions.Count);
        if (count > 0)
            Assert.Equal(new BrokerPosition("AAPL", 15m, 138.07m, null), positions[0]);
        if (count > 1)
            Assert.Equal(new BrokerPosition("SPY", -20m, 50m, null), positions[1]);
    }

    [Theory]
    [InlineData("margin", """{"fed_call": 0, "maintenance_call": 0, "option_buying_power": 6363.86, "stock_buying_power": 12727.72, "stock_short_value": 0, "sweep": 0}""", 12727.72)]
    [InlineData("cash", """{"cash_available": 4343.38, "sweep": 0, "unsettled_funds": 1310.00}""", 4343.38)]
    public async Task Balances_take_buying_power_from_the_block_of_the_account_type(string type, string block, decimal buyingPower)
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.BalancesJson = $$$"""{"balances": {"option_short_value": 0, "total_equity": 17798.36, "account_number": "{{{TradierVenue.Account}}}", "account_type": "{{{type}}}", "close_pl": -4813.0, "current_requirement": 2557.0, "equity": 0, "long_market_value": 11434.5, "market_value": 11434.5, "open_pl": 546.9, "option_long_value": 8877.5, "option_requirement": 0, "pending_orders_count": 0, "short_market_value": 0, "stock_long_value": 2557.0, "total_cash": 6363.86, "uncleared_funds": 0, "pending_cash": 0, "{{{type}}}": {{{block}}}}}""";

        var account = (await Broker(venue, http).GetAccountAsync()).GetValueOrThrow();

        Assert.Equal(new BrokerAccount(TradierVenue.Account, "USD", 6363.86m, 17798.36m, buyingPower), account);
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task A_balances_answer_without_its_type_block_is_malformed()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.BalancesJson = """{"balances": {"account_number": "X", "account_type": "margin", "total_cash": 1, "total_equity": 2}}""";

        var error = Failed(await Broker(venue, http).GetAccountAsync());

        Assert.Equal(BrokerErrorCodes.MalformedResponse, error.Code);
        Assert.Contains("'margin'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xml_answer_is_malformed_and_says_it_is_not_json()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Server.Map($"/v1/accounts/{TradierVenue.Account}/balances", _ => Testing.StandIn.StandInResponse.Text("<balances><total_cash>1</total_cash></balances>", "application/xml"));

        var error = Failed(await Broker(venue, http).GetAccountAsync());

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse), (error.Class, error.Code));
        Assert.Contains("not JSON (application/xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_read_is_retried_by_the_transport_and_then_reported_retryable()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Server.Map($"/v1/accounts/{TradierVenue.Account}/positions",
            _ => Testing.StandIn.StandInResponse.Json("""{"positions": "null"}""") with { TruncateAfterBytes = 3 });

        var error = Failed(await Broker(venue, http).GetPositionsAsync());

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost), (error.Class, error.Code));
        Assert.Equal(3, venue.Server.Requests.Count);
        Assert.DoesNotContain(TradierVenue.Account, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spent_budget_in_the_headers_holds_the_next_read_until_the_expiry_on_the_injected_clock()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 14, 14, 30, 0, TimeSpan.Zero));
        venue.Available = 0;
        venue.ExpiryMs = clock.GetUtcNow().AddSeconds(30).ToUnixTimeMilliseconds();
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMinutes(5) }, clock);

        (await Pump(clock, broker.GetPositionsAsync(), stepMs: 250)).GetValueOrThrow();
        var afterFirst = clock.GetUtcNow();
        venue.Available = 50;
        (await Pump(clock, broker.GetPositionsAsync(), stepMs: 250)).GetValueOrThrow();

        Assert.True(afterFirst - new DateTimeOffset(2024, 6, 14, 14, 30, 0, TimeSpan.Zero) < TimeSpan.FromSeconds(30), "the first read must not wait");
        Assert.True(clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeMilliseconds(venue.ExpiryMs), "the second read must wait for the window to reset");
        Assert.Equal(2, venue.Server.Requests.Count);
    }
}
