namespace Vanta.Executor.Attribution;

/// <summary>
/// Splits an amount into parts proportional to non-negative shares, each rounded to <see cref="Scale"/> decimal
/// places, the rounding remainder going to the part with the largest share (the first such in order), so the parts
/// add up to the amount exactly.
/// </summary>
public static class AttributionSplit
{
    /// <summary>Decimal places attributed amounts are kept to (far below a cent, well inside decimal's 28 digits).</summary>
    public const int Scale = 12;

    public static decimal[] Split(decimal amount, IReadOnlyList<decimal> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
            throw new ArgumentException("nothing to split among", nameof(shares));
        var sum = 0m;
        var largest = 0;
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i] < 0m)
                throw new ArgumentException($"share {i} is negative ({shares[i]})", nameof(shares));
            sum += shares[i];
            if (shares[i] > shares[largest])
                largest = i;
        }
        if (sum == 0m)
            throw new ArgumentException("the shares add up to zero", nameof(shares));

        var parts = new decimal[shares.Count];
        var assigned = 0m;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = amount == 0m ? 0m : Math.Round(amount * (shares[i] / sum), Scale, MidpointRounding.ToEven);
            assigned += parts[i];
        }
        parts[largest] += amount - assigned;
        return parts;
    }
}
