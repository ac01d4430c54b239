namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// Streaming rolling z-score of one series: each value is scored against the <see cref="Window"/> values before it
/// (never itself, so the score is point in time), z = (x - mean) / sample standard deviation (n - 1), and then
/// joins the window. Memory is the window; each update is O(1) (Welford's running mean and sum of squared
/// deviations, with the oldest value removed, recomputed exactly once per window to keep rounding from drifting).
/// </summary>
public sealed class RollingZScore
{
    private readonly double[] _ring;
    private int _count;
    private int _next;
    private int _sinceExact;
    private double _mean;
    private double _m2;

    /// <summary>A detector over the last <paramref name="window"/> values (at least 2).</summary>
    public RollingZScore(int window)
    {
        if (window < 2)
            throw new ArgumentOutOfRangeException(nameof(window), "the window needs at least 2 values");
        _ring = new double[window];
    }

    /// <summary>How many previous values a score is measured against.</summary>
    public int Window => _ring.Length;

    /// <summary>
    /// The z-score of <paramref name="x"/> against the previous <see cref="Window"/> values, then adds it to them.
    /// Null while fewer than <see cref="Window"/> values have been seen, and when those values are all equal
    /// (the deviation is undefined). Throws on NaN or infinite input: callers reject such values first.
    /// </summary>
    public double? Update(double x)
    {
        if (!double.IsFinite(x))
            throw new ArgumentException("the value must be finite", nameof(x));

        double? z = null;
        if (_count == _ring.Length)
        {
            var variance = _m2 / (_count - 1);
            if (variance > 0)
                z = (x - _mean) / Math.Sqrt(variance);
            Remove(_ring[_next]);
        }
        Add(x);
        _ring[_next] = x;
        _next = (_next + 1) % _ring.Length;

        if (++_sinceExact >= _ring.Length)
            Recompute();
        return z;
    }

    private void Add(double x)
    {
        _count++;
        var delta = x - _mean;
        _mean += delta / _count;
        _m2 += delta * (x - _mean);
    }

    private void Remove(double x)
    {
        _count--;
        if (_count == 0)
        {
            _mean = 0;
            _m2 = 0;
            return;
        }
        var delta = x - _mean;
        _mean -= delta / _count;
        _m2 = Math.Max(0, _m2 - (delta * (x - _mean)));
    }

    private void Recompute()
    {
        _sinceExact = 0;
        var sum = 0.0;
        for (var i = 0; i < _count; i++)
            sum += _ring[i];
        var mean = sum / _count;
        var m2 = 0.0;
        for (var i = 0; i < _count; i++)
            m2 += (_ring[i] - mean) * (_ring[i] - mean);
        _mean = mean;
        _m2 = m2;
    }
}
