namespace Vanta.Markets.Models.Anomaly;

/// <summary>Numerical helpers the models need and the base library lacks.</summary>
internal static class SpecialFunctions
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Gamma(x) for x &gt; 0 by the Lanczos approximation (g = 7, nine terms; relative error about 1e-15).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
            throw new ArgumentOutOfRangeException(nameof(x), "x must be positive");
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
            a += Lanczos[i] / (x + i);
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }
}
