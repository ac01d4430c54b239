using System.Text.Json;
using Vanta.Executor.Risk;

namespace Vanta.Executor.Tests.Risk;

/// <summary>Risk names are written into every journaled risk check: their numbers and names are frozen.</summary>
public sealed class RiskPersistedNamesTests
{
    [Fact]
    public void Denial_reasons_are_frozen()
    {
        var expected = new Dictionary<RiskDenialReason, (int, string)>
        {
            [RiskDenialReason.SourceNotAlpha] = (1, "source_not_alpha"),
            [RiskDenialReason.UnknownVault] = (2, "unknown_vault"),
            [RiskDenialReason.InvalidOrder] = (3, "invalid_order"),
            [RiskDenialReason.DuplicateOrder] = (4, "duplicate_order"),
            [RiskDenialReason.Halted] = (5, "halted"),
            [RiskDenialReason.DailyLossLimit] = (6, "daily_loss_limit"),
            [RiskDenialReason.ReducingOnly] = (7, "reducing_only"),
            [RiskDenialReason.MaintenanceMode] = (8, "maintenance_mode"),
            [RiskDenialReason.NoPrice] = (9, "no_price"),
            [RiskDenialReason.PriceCollar] = (10, "price_collar"),
            [RiskDenialReason.OrderRate] = (11, "order_rate"),
            [RiskDenialReason.MaxOrderNotional] = (12, "max_order_notional"),
            [RiskDenialReason.MaxPositionQuantity] = (13, "max_position_quantity"),
            [RiskDenialReason.MaxPositionNotional] = (14, "max_position_notional"),
            [RiskDenialReason.PersonaCap] = (15, "persona_cap"),
            [RiskDenialReason.MaxGrossExposure] = (16, "max_gross_exposure"),
            [RiskDenialReason.MaxNetExposure] = (17, "max_net_exposure"),
        };
        Assert.Equal(expected.Count, Enum.GetValues<RiskDenialReason>().Length);
        foreach (var (reason, (number, name)) in expected)
        {
            Assert.Equal(number, (int)reason);
            Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(reason));
            Assert.Equal(name, RiskNames.Of(reason));
        }
    }

    [Fact]
    public void Fences_are_frozen_in_run_order()
    {
        string[] names =
        [
            "source", "order", "kill_switch", "daily_loss", "reduce_only", "maintenance", "price_collar", "order_rate",
            "order_notional", "position_limit", "persona_cap", "gross_exposure", "net_exposure",
        ];
        var fences = Enum.GetValues<RiskFence>();
        Assert.Equal(names.Length, fences.Length);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(i + 1, (int)fences[i]);
            Assert.Equal($"\"{names[i]}\"", JsonSerializer.Serialize(fences[i]));
            Assert.Equal(names[i], RiskNames.Of(fences[i]));
        }
    }
}
