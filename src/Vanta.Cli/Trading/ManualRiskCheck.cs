using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Cli.Embedded;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Executor.Desk;
using Vanta.Executor.Risk;

namespace Vanta.Cli.Trading;

/// <summary>
/// <c>memory/risk.json</c>: the capital a manual order is fenced against and the limits (the executor's
/// <see cref="RiskLimits"/>, snake_case). Absent: 100,000 and the default limits.
/// </summary>
public sealed record ManualRiskSettings
{
    public decimal Cash { get; init; } = 100_000m;

    public RiskLimits Limits { get; init; } = RiskLimits.Default;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ManualRiskSettings))]
internal sealed partial class RiskJsonContext : JsonSerializerContext;

/// <summary>
/// The executor's <see cref="RiskGate"/> for an order typed at the command line: the same fences as an intent's,
/// over the positions the journal holds and the last price it saw for each symbol (a bar close, a quote or a fill),
/// or the operator's <c>--price</c>. An operator's order comes through the control plane, so its source is Alpha.
/// </summary>
public sealed class ManualRiskCheck(ManualRiskSettings settings, IReadOnlyDictionary<string, decimal> lastPrices, TimeProvider time) : IPreTradeCheck
{
    /// <summary>A price the operator gave for the next order's symbol; wins over the journal's.</summary>
    public decimal? ExplicitPrice { get; set; }

    /// <summary>The home's <c>memory/risk.json</c>, or the defaults; throws <see cref="Executor.Desk.DeskException"/> naming a bad file.</summary>
    public static ManualRiskSettings LoadSettings(HomeLayout layout)
    {
        var path = Path.Combine(layout.Memory, "risk.json");
        var settings = new ManualRiskSettings();
        if (File.Exists(path))
        {
            try
            {
                settings = JsonSerializer.Deserialize(File.ReadAllText(path), RiskJsonContext.Default.ManualRiskSettings) ?? settings;
            }
            catch (JsonException ex)
            {
                throw new Executor.Desk.DeskException($"{path}: {ex.Message}");
            }
            var errors = settings.Limits.Validate("limits");
            if (errors.Length > 0)
                throw new Executor.Desk.DeskException($"{path}: {string.Join("; ", errors)}");
        }
        return settings;
    }

    public RiskCheck Check(Order order, string broker, DeskBook book, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(book);
        var gate = new RiskGate(time);
        var positions = book.Positions
            .Where(p => p.Broker == broker && Price(p.Symbol) is not null)
            .Select(p => new Position(order.VaultId, p.Symbol, p.Quantity, Price(p.Symbol)!.Value, Price(p.Symbol)!.Value, 0m, 0m));
        gate.OpenVault(order.VaultId, settings.Cash, settings.Limits, positions);
        if (Price(order.Symbol) is { } price)
            gate.Mark(order.Symbol, price);
        if (book.TradingState != TradingState.Active)
            gate.SetState(book.TradingState, "journaled trading state");
        return gate.Evaluate(order, Role.Alpha).ToRiskCheck(order, now);
    }

    private decimal? Price(string symbol) =>
        ExplicitPrice is { } given && symbol == ExplicitSymbol ? given
        : lastPrices.TryGetValue(symbol, out var last) ? last
        : null;

    /// <summary>The symbol <see cref="ExplicitPrice"/> is for.</summary>
    public string? ExplicitSymbol { get; set; }

    /// <summary>Records in <paramref name="prices"/> the price <paramref name="envelope"/> carries: a bar close, a quote or a fill.</summary>
    public static void ObservePrice(Dictionary<string, decimal> prices, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Is(EventKinds.PriceBar) && envelope.Read(EventKinds.PriceBar) is { Close: > 0m } bar)
            prices[bar.Symbol] = bar.Close;
        else if (envelope.Is(EventKinds.PriceQuote) && envelope.Read(EventKinds.PriceQuote) is { Price: > 0m } quote)
            prices[quote.Symbol] = quote.Price;
        else if (envelope.Is(EventKinds.Fill) && envelope.Read(EventKinds.Fill) is { } fill)
            prices[fill.Symbol] = fill.Price;
    }
}
