using Vanta.Executor.Risk;

namespace Vanta.Executor.Tests.Risk;

public sealed class RiskLimitsTests
{
    [Fact]
    public void Defaults_are_valid_and_conservative()
    {
        var limits = RiskLimits.Default;
        Assert.Empty(limits.Validate());
        Assert.Equal(100_000m, limits.MaxOrderNotional);
        Assert.Equal(1m, limits.MaxGrossFraction);
        Assert.Equal(0.05m, limits.DailyLossFraction);
        Assert.Equal(60, limits.MaxOrdersPerWindow);
        Assert.Equal(500m, limits.PriceCollarBps);
        Assert.False(limits.MaintenanceMode);
    }

    [Fact]
    public void Every_bad_value_is_reported_with_its_path()
    {
        var limits = RiskLimits.Default with
        {
            MaxOrderNotional = 0m,
            MaxNetFraction = -1m,
            DailyLossFraction = 1.5m,
            PersonaMaxPositionWeight = 0m,
            MaxOrdersPerWindow = 0,
            OrderRateWindow = TimeSpan.Zero,
            PriceCollarBps = -10m,
        };
        Assert.Equal(
        [
            "vaults.core.max_order_notional: must be positive (was 0)",
            "vaults.core.max_net_fraction: must be positive (was -1)",
            "vaults.core.daily_loss_fraction: must be greater than 0 and at most 1 (was 1.5)",
            "vaults.core.price_collar_bps: must be positive (was -10)",
            "vaults.core.persona_max_position_weight: must be greater than 0 and at most 1 (was 0)",
            "vaults.core.max_orders_per_window: must be at least 1 (was 0)",
            "vaults.core.order_rate_window: must be positive (was 00:00:00)",
        ], limits.Validate("vaults.core").Select(e => e.ToString()));
    }
}
