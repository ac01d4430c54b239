namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// The run-length posterior of a <see cref="ChangePointDetector"/> as parallel arrays, ordered by run length:
/// probability and Normal-Gamma parameters per hypothesis (mean and beta per attribute).
/// </summary>
internal sealed class RunLengths(int capacity, int dimensions)
{
    public int Count;
    public readonly double[] Probability = new double[capacity];
    public readonly long[] Run = new long[capacity];
    public readonly double[] Kappa = new double[capacity];
    public readonly double[] Alpha = new double[capacity];
    public readonly double[] GammaRatio = new double[capacity];
    public readonly double[] Mu = new double[capacity * dimensions];
    public readonly double[] Beta = new double[capacity * dimensions];
    public readonly double[] LogBeta = new double[capacity * dimensions];

    /// <summary>Slot <paramref name="i"/> becomes run length 0 with the prior's parameters.</summary>
    public void SetPrior(int i, ChangePointOptions prior, double probability)
    {
        Probability[i] = probability;
        Run[i] = 0;
        Kappa[i] = prior.PriorKappa;
        Alpha[i] = prior.PriorAlpha;
        GammaRatio[i] = SpecialFunctions.LogGamma(prior.PriorAlpha + 0.5) - SpecialFunctions.LogGamma(prior.PriorAlpha);
        for (var d = 0; d < dimensions; d++)
        {
            Mu[(i * dimensions) + d] = prior.PriorMean;
            Beta[(i * dimensions) + d] = prior.PriorBeta;
            LogBeta[(i * dimensions) + d] = Math.Log(prior.PriorBeta);
        }
    }

    /// <summary>
    /// Drops hypotheses below <paramref name="threshold"/> (run length 0 is always kept: it seeds the next regime),
    /// then the least probable while more than <paramref name="max"/> remain, and renormalises what is left.
    /// </summary>
    public void Prune(double threshold, int max)
    {
        var kept = 1;
        for (var i = 1; i < Count; i++)
        {
            if (Probability[i] >= threshold)
                Move(i, kept++);
        }
        Count = kept;
        while (Count > max)
        {
            var weakest = 1;
            for (var i = 2; i < Count; i++)
            {
                if (Probability[i] < Probability[weakest])
                    weakest = i;
            }
            RemoveAt(weakest);
        }
        var total = 0.0;
        for (var i = 0; i < Count; i++)
            total += Probability[i];
        for (var i = 0; i < Count; i++)
            Probability[i] /= total;
    }

    private void Move(int from, int to)
    {
        if (from == to)
            return;
        Probability[to] = Probability[from];
        Run[to] = Run[from];
        Kappa[to] = Kappa[from];
        Alpha[to] = Alpha[from];
        GammaRatio[to] = GammaRatio[from];
        for (var d = 0; d < dimensions; d++)
        {
            Mu[(to * dimensions) + d] = Mu[(from * dimensions) + d];
            Beta[(to * dimensions) + d] = Beta[(from * dimensions) + d];
            LogBeta[(to * dimensions) + d] = LogBeta[(from * dimensions) + d];
        }
    }

    private void RemoveAt(int index)
    {
        var tail = Count - index - 1;
        Array.Copy(Probability, index + 1, Probability, index, tail);
        Array.Copy(Run, index + 1, Run, index, tail);
        Array.Copy(Kappa, index + 1, Kappa, index, tail);
        Array.Copy(Alpha, index + 1, Alpha, index, tail);
        Array.Copy(GammaRatio, index + 1, GammaRatio, index, tail);
        Array.Copy(Mu, (index + 1) * dimensions, Mu, index * dimensions, tail * dimensions);
        Array.Copy(Beta, (index + 1) * dimensions, Beta, index * dimensions, tail * dimensions);
        Array.Copy(LogBeta, (index + 1) * dimensions, LogBeta, index * dimensions, tail * dimensions);
        Count--;
    }
}
