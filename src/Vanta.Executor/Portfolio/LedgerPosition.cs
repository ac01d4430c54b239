namespace Vanta.Executor.Portfolio;

/// <summary>
/// One symbol's holding under the average-cost method. Adding to a position re-averages the cost; reducing it
/// realises <c>(price - average cost) x closed quantity</c> (sign flipped for shorts) and keeps the average;
/// a trade through zero closes the old side and opens the rest at the trade price. PnL here is before fees.
/// </summary>
internal sealed class LedgerPosition
{
    public decimal Quantity { get; private set; }
    public decimal AverageCost { get; private set; }
    public decimal RealizedPnl { get; private set; }

    /// <summary>Applies a signed trade (buys positive) and returns the PnL it realised.</summary>
    public decimal Trade(decimal signedQuantity, decimal price)
    {
        if (signedQuantity == 0m)
            throw new ArgumentOutOfRangeException(nameof(signedQuantity), "A trade has a quantity");

        if (Quantity == 0m || Math.Sign(Quantity) == Math.Sign(signedQuantity))
        {
            var size = Math.Abs(Quantity);
            var added = Math.Abs(signedQuantity);
            AverageCost = (size * AverageCost + added * price) / (size + added);
            Quantity += signedQuantity;
            return 0m;
        }

        var closed = Math.Min(Math.Abs(signedQuantity), Math.Abs(Quantity));
        var realized = closed * (price - AverageCost) * Math.Sign(Quantity);
        RealizedPnl += realized;
        Quantity += signedQuantity;
        if (Quantity == 0m)
            AverageCost = 0m;
        else if (Math.Sign(Quantity) == Math.Sign(signedQuantity))
            AverageCost = price; // flipped through zero: what is left was opened at this trade's price
        return realized;
    }

    public decimal UnrealizedAt(decimal lastPrice) => Quantity * (lastPrice - AverageCost);
}
