namespace Vanta.Executor.Attribution;

/// <summary>
/// PnL of one group: realised (before fees, average cost), unrealised (marked at the last close) and fees paid.
/// <see cref="Total"/> is what the group added to equity.
/// </summary>
public sealed record PnlFigures(decimal Realized, decimal Unrealized, decimal Fees)
{
    public static PnlFigures Zero { get; } = new(0m, 0m, 0m);

    public decimal Total => Realized + Unrealized - Fees;

    public PnlFigures Plus(PnlFigures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Realized + other.Realized, Unrealized + other.Unrealized, Fees + other.Fees);
    }
}
