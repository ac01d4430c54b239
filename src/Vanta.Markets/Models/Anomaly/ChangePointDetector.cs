namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// Bayesian online change-point detection after Adams and MacKay (2007), "Bayesian Online Changepoint Detection":
/// a posterior over the run length r_t (observations since the last change) updated once per observation, with a
/// constant hazard and, per attribute, a Normal with unknown mean and variance under a Normal-Gamma prior, whose
/// posterior predictive is a Student-t. Attributes of a multi-dimensional observation are modelled as independent.
/// Run lengths with negligible mass are pruned and their number capped, so memory and time per update are bounded.
/// </summary>
public sealed class ChangePointDetector
{
    private readonly ChangePointOptions _options;
    private readonly int _dims;
    private readonly double _halfLog2Pi;
    private RunLengths _now;
    private RunLengths _next;
    private readonly double[] _logPredictive;

    /// <summary>A detector over observations of <paramref name="dimensions"/> attributes.</summary>
    public ChangePointDetector(int dimensions, ChangePointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        options.Validate();
        _options = options;
        _dims = dimensions;
        _halfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
        _now = new RunLengths(options.MaxRunLengths + 1, dimensions);
        _next = new RunLengths(options.MaxRunLengths + 1, dimensions);
        _logPredictive = new double[options.MaxRunLengths + 1];
        _now.SetPrior(0, options, 1.0);
        _now.Count = 1;
    }

    /// <summary>Observations seen so far, t.</summary>
    public long Observations { get; private set; }

    /// <summary>Run-length hypotheses held now (bounded by <see cref="ChangePointOptions.MaxRunLengths"/>).</summary>
    public int Hypotheses => _now.Count;

    /// <summary>Adds x_t (one finite value per attribute) and returns the run-length posterior's summary.</summary>
    public ChangePointStep Update(ReadOnlySpan<double> x)
    {
        if (x.Length != _dims)
            throw new ArgumentException($"expected {_dims} attributes, got {x.Length}", nameof(x));
        foreach (var v in x)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException("attributes must be finite", nameof(x));
        }
        Observations++;
        var hazard = 1.0 / _options.HazardLambda;

        // Growth: hypothesis i (run length r) becomes r + 1 in slot i + 1, with its posterior updated by x.
        var n = _now.Count;
        var maxLog = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var logPred = Grow(i, x);
            _logPredictive[i] = logPred;
            maxLog = Math.Max(maxLog, logPred);
        }

        // Joint mass p(r_{t-1}) pi(x_t | r_{t-1}); the evidence is its sum, so growth takes (1 - H) of each share
        // and a change takes H of the whole: P(r_t = 0) = H always.
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = _now.Probability[i] * Math.Exp(_logPredictive[i] - maxLog);
            _next.Probability[i + 1] = w;
            sum += w;
        }
        for (var i = 1; i <= n; i++)
            _next.Probability[i] *= (1 - hazard) / sum;
        _next.SetPrior(0, _options, hazard);
        _next.Count = n + 1;

        (_now, _next) = (_next, _now);
        _now.Prune(_options.PruneBelow, _options.MaxRunLengths);
        return Summary();
    }

    private double Grow(int i, ReadOnlySpan<double> x)
    {
        var from = _now;
        var to = _next;
        var kappa = from.Kappa[i];
        var alpha = from.Alpha[i];
        var to1 = i + 1;
        to.Run[to1] = from.Run[i] + 1;
        to.Kappa[to1] = kappa + 1;
        to.Alpha[to1] = alpha + 0.5;
        // T(a) = lnGamma(a + 1/2) - lnGamma(a); T(a + 1/2) = ln(a) - T(a).
        to.GammaRatio[to1] = Math.Log(alpha) - from.GammaRatio[i];

        // Student-t predictive with 2 alpha degrees of freedom, location mu, scale^2 beta (kappa + 1) / (alpha kappa):
        // ln p = T(alpha) - ln(2 pi (kappa + 1) / kappa) / 2 + alpha ln(beta) - (alpha + 1/2) ln(beta'),
        // where beta' = beta + kappa (x - mu)^2 / (2 (kappa + 1)) is also the updated posterior's beta.
        var perDim = from.GammaRatio[i] - _halfLog2Pi - (0.5 * Math.Log((kappa + 1) / kappa));
        var logPred = 0.0;
        var baseIndex = i * _dims;
        var toBase = to1 * _dims;
        for (var d = 0; d < _dims; d++)
        {
            var mu = from.Mu[baseIndex + d];
            var beta = from.Beta[baseIndex + d];
            var dev = x[d] - mu;
            var betaNext = beta + (kappa * dev * dev / (2 * (kappa + 1)));
            var logBetaNext = Math.Log(betaNext);
            logPred += perDim + (alpha * from.LogBeta[baseIndex + d]) - ((alpha + 0.5) * logBetaNext);
            to.Mu[toBase + d] = ((kappa * mu) + x[d]) / (kappa + 1);
            to.Beta[toBase + d] = betaNext;
            to.LogBeta[toBase + d] = logBetaNext;
        }
        return logPred;
    }

    /// <summary>The run-length posterior held now, shortest run first (for tests and diagnostics).</summary>
    internal IReadOnlyList<(long Run, double Probability)> Posterior() =>
        [.. Enumerable.Range(0, _now.Count).Select(i => (_now.Run[i], _now.Probability[i]))];

    private ChangePointStep Summary()
    {
        var best = 0;
        var recent = 0.0;
        for (var i = 0; i < _now.Count; i++)
        {
            if (_now.Probability[i] > _now.Probability[best])
                best = i;
            var r = _now.Run[i];
            if (r >= 1 && r <= _options.RecentWindow && r < Observations)
                recent += _now.Probability[i];
        }
        return new ChangePointStep((int)Math.Min(int.MaxValue, _now.Run[best]), Math.Min(1, recent));
    }
}
