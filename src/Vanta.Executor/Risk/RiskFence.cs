using System.Text.Json.Serialization;

namespace Vanta.Executor.Risk;

/// <summary>
/// The pre-trade fences, numbered in the order <see cref="RiskGate"/> runs them. Persisted values are frozen:
/// they are written into every journaled risk check.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskFence>))]
public enum RiskFence
{
    /// <summary>The intent came from the Alpha role.</summary>
    [JsonStringEnumMemberName("source")] Source = 1,

    /// <summary>The vault is known, the quantity and limit price are positive, the order is not already working.</summary>
    [JsonStringEnumMemberName("order")] Order = 2,

    /// <summary>Neither the executor nor the vault is HALTED.</summary>
    [JsonStringEnumMemberName("kill_switch")] KillSwitch = 3,

    /// <summary>The vault's loss since the day's start is under its limit (a breach makes the vault REDUCING).</summary>
    [JsonStringEnumMemberName("daily_loss")] DailyLoss = 4,

    /// <summary>In REDUCING, only orders that move a position towards zero without crossing it.</summary>
    [JsonStringEnumMemberName("reduce_only")] ReduceOnly = 5,

    /// <summary>In maintenance mode, no new risk: only reducing orders.</summary>
    [JsonStringEnumMemberName("maintenance")] Maintenance = 6,

    /// <summary>A reference price is known and the order's price is within the collar around it.</summary>
    [JsonStringEnumMemberName("price_collar")] PriceCollar = 7,

    /// <summary>At most N orders per rolling window of the vault.</summary>
    [JsonStringEnumMemberName("order_rate")] OrderRate = 8,

    /// <summary>The order's notional is under the per-order maximum.</summary>
    [JsonStringEnumMemberName("order_notional")] OrderNotional = 9,

    /// <summary>The position per symbol stays under its quantity and notional maxima.</summary>
    [JsonStringEnumMemberName("position_limit")] PositionLimit = 10,

    /// <summary>The position per symbol stays under the persona's maximum weight of equity.</summary>
    [JsonStringEnumMemberName("persona_cap")] PersonaCap = 11,

    /// <summary>The vault's gross exposure stays under its notional and equity-fraction maxima.</summary>
    [JsonStringEnumMemberName("gross_exposure")] GrossExposure = 12,

    /// <summary>The vault's |net exposure| stays under its notional and equity-fraction maxima.</summary>
    [JsonStringEnumMemberName("net_exposure")] NetExposure = 13,
}

/// <summary>Why the risk gate denied an order. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskDenialReason>))]
public enum RiskDenialReason
{
    [JsonStringEnumMemberName("source_not_alpha")] SourceNotAlpha = 1,
    [JsonStringEnumMemberName("unknown_vault")] UnknownVault = 2,
    [JsonStringEnumMemberName("invalid_order")] InvalidOrder = 3,
    [JsonStringEnumMemberName("duplicate_order")] DuplicateOrder = 4,
    [JsonStringEnumMemberName("halted")] Halted = 5,
    [JsonStringEnumMemberName("daily_loss_limit")] DailyLossLimit = 6,
    [JsonStringEnumMemberName("reducing_only")] ReducingOnly = 7,
    [JsonStringEnumMemberName("maintenance_mode")] MaintenanceMode = 8,
    [JsonStringEnumMemberName("no_price")] NoPrice = 9,
    [JsonStringEnumMemberName("price_collar")] PriceCollar = 10,
    [JsonStringEnumMemberName("order_rate")] OrderRate = 11,
    [JsonStringEnumMemberName("max_order_notional")] MaxOrderNotional = 12,
    [JsonStringEnumMemberName("max_position_quantity")] MaxPositionQuantity = 13,
    [JsonStringEnumMemberName("max_position_notional")] MaxPositionNotional = 14,
    [JsonStringEnumMemberName("persona_cap")] PersonaCap = 15,
    [JsonStringEnumMemberName("max_gross_exposure")] MaxGrossExposure = 16,
    [JsonStringEnumMemberName("max_net_exposure")] MaxNetExposure = 17,
}

/// <summary>The persisted (snake_case) names of the risk enums, without reflection on the hot path.</summary>
public static class RiskNames
{
    private static readonly string[] Fences =
    [
        "", "source", "order", "kill_switch", "daily_loss", "reduce_only", "maintenance", "price_collar", "order_rate",
        "order_notional", "position_limit", "persona_cap", "gross_exposure", "net_exposure",
    ];

    private static readonly string[] Reasons =
    [
        "", "source_not_alpha", "unknown_vault", "invalid_order", "duplicate_order", "halted", "daily_loss_limit",
        "reducing_only", "maintenance_mode", "no_price", "price_collar", "order_rate", "max_order_notional",
        "max_position_quantity", "max_position_notional", "persona_cap", "max_gross_exposure", "max_net_exposure",
    ];

    public static string Of(RiskFence fence) => Fences[(int)fence];

    public static string Of(RiskDenialReason reason) => Reasons[(int)reason];
}
