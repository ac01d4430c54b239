namespace Vanta.Executor.Attribution;

/// <summary>
/// The conviction bands PnL is grouped by, from the conviction score of the intent that last changed a position:
/// <c>strong_bear &lt;= -0.6 &lt; bear &lt;= -0.2 &lt; neutral &lt; 0.2 &lt;= bull &lt; 0.6 &lt;= strong_bull</c>.
/// The names are persisted in <c>memory/pnl_summary.json</c> and frozen.
/// </summary>
public static class ConvictionBands
{
    public const string StrongBear = "strong_bear";
    public const string Bear = "bear";
    public const string Neutral = "neutral";
    public const string Bull = "bull";
    public const string StrongBull = "strong_bull";

    /// <summary>PnL of a fill whose order, intent or conviction is not in the journal (a manual order, say).</summary>
    public const string Unlinked = "unlinked";

    public static string Of(decimal score) => score switch
    {
        <= -0.6m => StrongBear,
        <= -0.2m => Bear,
        < 0.2m => Neutral,
        < 0.6m => Bull,
        _ => StrongBull,
    };
}
