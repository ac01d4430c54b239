using System.Collections.Immutable;
using System.Globalization;

namespace Vanta.Executor.Risk;

/// <summary>
/// The pre-trade limits of one vault. A null limit is not enforced. Notionals are in the vault's currency at the
/// reference (last marked) price; fractions are of the vault's current equity. Start from <see cref="Default"/>
/// and override with <c>with { ... }</c>.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>Conservative defaults: 100k per order, no leverage, 5% daily loss, 60 orders a minute, 5% collar.</summary>
    public static RiskLimits Default { get; } = new();

    /// <summary>Largest quantity x price of one order.</summary>
    public decimal? MaxOrderNotional { get; init; } = 100_000m;

    /// <summary>Largest |quantity| held plus working per symbol.</summary>
    public decimal? MaxPositionQuantity { get; init; }

    /// <summary>Largest |quantity| x reference price per symbol.</summary>
    public decimal? MaxPositionNotional { get; init; }

    /// <summary>Largest sum of |position value| over the vault's symbols.</summary>
    public decimal? MaxGrossNotional { get; init; }

    /// <summary>Largest gross exposure as a fraction of equity (1 = no leverage).</summary>
    public decimal? MaxGrossFraction { get; init; } = 1m;

    /// <summary>Largest |sum of signed position values|.</summary>
    public decimal? MaxNetNotional { get; init; }

    /// <summary>Largest |net exposure| as a fraction of equity.</summary>
    public decimal? MaxNetFraction { get; init; } = 1m;

    /// <summary>Loss since the day's start (realised + unrealised + fees) at which the vault goes REDUCING.</summary>
    public decimal? DailyLossLimit { get; init; }

    /// <summary>The same, as a fraction of the equity at the day's start; the tighter of the two applies.</summary>
    public decimal? DailyLossFraction { get; init; } = 0.05m;

    /// <summary>Most orders approved within <see cref="OrderRateWindow"/>.</summary>
    public int? MaxOrdersPerWindow { get; init; } = 60;

    public TimeSpan OrderRateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest distance, in basis points of the reference price, of a limit price or quote from it.</summary>
    public decimal? PriceCollarBps { get; init; } = 500m;

    /// <summary>No new risk: only orders that reduce a position pass.</summary>
    public bool MaintenanceMode { get; init; }

    /// <summary>The persona's largest |position value| per symbol as a fraction of equity (0 &lt; x &lt;= 1).</summary>
    public decimal? PersonaMaxPositionWeight { get; init; }

    /// <summary>Every problem with these limits, each naming its path under <paramref name="path"/>; empty when valid.</summary>
    public ImmutableArray<RiskLimitsError> Validate(string path = "limits")
    {
        var errors = ImmutableArray.CreateBuilder<RiskLimitsError>();
        Positive(errors, path, "max_order_notional", MaxOrderNotional);
        Positive(errors, path, "max_position_quantity", MaxPositionQuantity);
        Positive(errors, path, "max_position_notional", MaxPositionNotional);
        Positive(errors, path, "max_gross_notional", MaxGrossNotional);
        Positive(errors, path, "max_gross_fraction", MaxGrossFraction);
        Positive(errors, path, "max_net_notional", MaxNetNotional);
        Positive(errors, path, "max_net_fraction", MaxNetFraction);
        Positive(errors, path, "daily_loss_limit", DailyLossLimit);
        Fraction(errors, path, "daily_loss_fraction", DailyLossFraction);
        Positive(errors, path, "price_collar_bps", PriceCollarBps);
        Fraction(errors, path, "persona_max_position_weight", PersonaMaxPositionWeight);
        if (MaxOrdersPerWindow is { } max && max < 1)
            errors.Add(new($"{path}.max_orders_per_window", Show($"must be at least 1 (was {max})")));
        if (MaxOrdersPerWindow is not null && OrderRateWindow <= TimeSpan.Zero)
            errors.Add(new($"{path}.order_rate_window", Show($"must be positive (was {OrderRateWindow})")));
        return errors.ToImmutable();
    }

    /// <summary>Returns this when valid; otherwise throws naming every problem (limits are built at start-up).</summary>
    public RiskLimits Validated(string path = "limits")
    {
        var errors = Validate(path);
        return errors.IsEmpty ? this : throw new ArgumentException("Invalid risk limits: " + string.Join("; ", errors), path);
    }

    private static void Positive(ImmutableArray<RiskLimitsError>.Builder errors, string path, string name, decimal? value)
    {
        if (value is { } v && v <= 0m)
            errors.Add(new($"{path}.{name}", Show($"must be positive (was {v})")));
    }

    private static void Fraction(ImmutableArray<RiskLimitsError>.Builder errors, string path, string name, decimal? value)
    {
        if (value is { } v && (v <= 0m || v > 1m))
            errors.Add(new($"{path}.{name}", Show($"must be greater than 0 and at most 1 (was {v})")));
    }

    private static string Show(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One problem with a <see cref="RiskLimits"/>, at <paramref name="Path"/> (e.g. <c>vaults.core.max_order_notional</c>).</summary>
public sealed record RiskLimitsError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
