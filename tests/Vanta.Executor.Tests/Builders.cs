using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Tests;

/// <summary>Builders shared by the executor tests. Daily bars: Start at 14:30 UTC, TsEvent at 21:00 UTC.</summary>
internal static class Builders
{
    public static readonly VaultId CoreVault = new("core");
    public static readonly DateTimeOffset Day1 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);

    public static DateTimeOffset Day(int n) => Day1.AddDays(n - 1);

    public static DateTimeOffset CloseOf(int n) => Day(n).AddHours(6.5);

    public static PriceBar Bar(string symbol, int day, decimal open, decimal close) =>
        new(symbol, Day(day), CloseOf(day), open, Math.Max(open, close), Math.Min(open, close), close, 1_000_000m, "test");

    public static AllocationIntent Intent(string symbol, decimal weight, DateTimeOffset issuedAt, string tag = "", TimeSpan? ttl = null) =>
        new(new IntentId(ContentHash.Id("intent", symbol, weight.ToString(System.Globalization.CultureInfo.InvariantCulture), issuedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), tag)),
            CoreVault, symbol, weight, new SignalId("sig-" + symbol), 0.5m, "cfg", issuedAt, issuedAt + (ttl ?? TimeSpan.FromDays(2)), "test");

    public static Order Market(string symbol, OrderSide side, decimal quantity, DateTimeOffset createdAt, string tag = "") =>
        Market(Intent(symbol, 0.1m, createdAt, tag + side + quantity), side, quantity);

    public static Order Market(AllocationIntent intent, OrderSide side, decimal quantity) =>
        new(OrderIds.OrderIdFor(intent.IntentId), OrderIds.ClientOrderIdFor(intent.IntentId), intent.IntentId,
            intent.VaultId, intent.Symbol, side, OrderType.Market, quantity, null, TimeInForce.Day, intent.IssuedAt);

    public static Fill FillOf(string symbol, OrderSide side, decimal quantity, decimal price, decimal fee = 0m, int day = 1) =>
        new(new FillId($"f-{symbol}-{side}-{quantity}-{price}-{day}"), new OrderId("o"), new ClientOrderId("c"), CoreVault, symbol, side, quantity, price, fee, Day(day));
}
