using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

/// <summary>
/// The detector against a slow, direct transcription of Adams and MacKay's recursion: every run length's
/// Normal-Gamma posterior recomputed from its own data and the Student-t density written out with log-gamma.
/// </summary>
public sealed class ChangePointReferenceTests
{
    private const double Mu0 = 0, Kappa0 = 1, Alpha0 = 1, Beta0 = 1, Lambda = 50;

    private static double StudentT(double x, double[] run)
    {
        var n = run.Length;
        var mean = n == 0 ? 0 : run.Average();
        var ss = run.Sum(v => (v - mean) * (v - mean));
        var kappa = Kappa0 + n;
        var mu = ((Kappa0 * Mu0) + (n * mean)) / kappa;
        var alpha = Alpha0 + (n / 2.0);
        var beta = Beta0 + (0.5 * ss) + (Kappa0 * n * (mean - Mu0) * (mean - Mu0) / (2 * kappa));
        var nu = 2 * alpha;
        var scale2 = beta * (kappa + 1) / (alpha * kappa);
        var log = SpecialFunctions.LogGamma((nu + 1) / 2) - SpecialFunctions.LogGamma(nu / 2)
            - (0.5 * Math.Log(nu * Math.PI * scale2)) - ((nu + 1) / 2 * Math.Log(1 + ((x - mu) * (x - mu) / (nu * scale2))));
        return Math.Exp(log);
    }

    [Fact]
    public void The_run_length_posterior_matches_the_direct_recursion()
    {
        var random = new Random(3);
        var series = Gaussian.Series(random, 40).Concat(Gaussian.Series(random, 30, mean: 2, sd: 0.5)).ToArray();
        var detector = new ChangePointDetector(1, new ChangePointOptions { HazardLambda = Lambda, PruneBelow = 0, MaxRunLengths = 500 });
        var hazard = 1 / Lambda;
        var posterior = new List<double> { 1.0 };   // index = run length

        for (var t = 0; t < series.Length; t++)
        {
            var x = series[t];
            var joint = posterior.Select((p, r) => p * StudentT(x, series[(t - r)..t])).ToArray();
            var next = new List<double> { joint.Sum() * hazard };
            next.AddRange(joint.Select(j => j * (1 - hazard)));
            posterior = [.. next.Select(p => p / joint.Sum())];

            detector.Update([x]);

            var held = detector.Posterior();
            Assert.Equal(Enumerable.Range(0, t + 2).Select(r => (long)r), held.Select(h => h.Run));
            for (var r = 0; r <= t + 1; r++)
                Assert.Equal(posterior[r], held[r].Probability, 1e-9);
        }
    }

    [Fact]
    public void The_probability_of_run_length_zero_is_the_hazard_whatever_the_data()
    {
        var detector = new ChangePointDetector(1, new ChangePointOptions { HazardLambda = Lambda });

        foreach (var x in new[] { 0.0, 0.1, 25, -40, 3 })
        {
            detector.Update([x]);
            Assert.Equal(1 / Lambda, detector.Posterior()[0].Probability, 12);
        }
    }
}
