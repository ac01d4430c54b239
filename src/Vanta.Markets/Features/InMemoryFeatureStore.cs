using System.Collections.Immutable;

namespace Vanta.Markets.Features;

/// <summary>
/// The online feature store of embedded mode. Per (symbol, feature) it keeps the last <see cref="HistoryPerFeature"/>
/// values ordered by as-of time, so a snapshot at t sees the value known at t even when a later one was written
/// first. <see cref="Snapshot"/> returns, per feature, the latest value with as-of at or before t, and leaves the
/// feature out when that value has expired (expires-at at or before t): a newer value supersedes an older one, so
/// an expired value never lets an older, superseded one show through. Two writes with the same as-of: the later
/// write wins. Memory is bounded by symbols x features x <see cref="HistoryPerFeature"/>. Safe to share between
/// threads (one lock); deterministic.
/// </summary>
public sealed class InMemoryFeatureStore : IFeatureStore
{
    private readonly Dictionary<string, Dictionary<string, FeatureHistory>> _symbols = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A store keeping up to <paramref name="historyPerFeature"/> values per (symbol, feature).</summary>
    public InMemoryFeatureStore(int historyPerFeature = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyPerFeature);
        HistoryPerFeature = historyPerFeature;
    }

    /// <summary>How many values are kept per (symbol, feature); the oldest as-of goes first.</summary>
    public int HistoryPerFeature { get; }

    /// <summary>The symbols with at least one value, in ordinal order.</summary>
    public ImmutableArray<string> Symbols
    {
        get
        {
            lock (_lock)
                return [.. _symbols.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public void Put(string symbol, string feature, decimal value, DateTimeOffset asOf, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        ArgumentException.ThrowIfNullOrEmpty(feature);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var entry = new FeatureValue(value, asOf, asOf + ttl);
        lock (_lock)
        {
            if (!_symbols.TryGetValue(symbol, out var features))
                _symbols.Add(symbol, features = new Dictionary<string, FeatureHistory>(StringComparer.Ordinal));
            if (!features.TryGetValue(feature, out var history))
                features.Add(feature, history = new FeatureHistory(HistoryPerFeature));
            history.Put(entry);
        }
    }

    public FeatureVector Snapshot(string symbol, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        lock (_lock)
        {
            if (!_symbols.TryGetValue(symbol, out var features))
                return FeatureVector.Empty(symbol, asOf);
            var values = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
            foreach (var (name, history) in features)
            {
                if (history.Latest(asOf) is { } latest && latest.ExpiresAt > asOf)
                    values.Add(name, latest.Value);
            }
            return new FeatureVector(symbol, asOf, values.ToImmutable());
        }
    }

    /// <summary>The latest value of one feature known at <paramref name="asOf"/>, expired or not; null when none.</summary>
    public FeatureValue? Latest(string symbol, string feature, DateTimeOffset asOf)
    {
        lock (_lock)
        {
            return _symbols.TryGetValue(symbol, out var features) && features.TryGetValue(feature, out var history)
                ? history.Latest(asOf)
                : null;
        }
    }

    /// <summary>A small array of values sorted by as-of, oldest first; full, it drops the oldest.</summary>
    private sealed class FeatureHistory(int capacity)
    {
        private readonly FeatureValue[] _values = new FeatureValue[capacity];
        private int _count;

        public void Put(FeatureValue entry)
        {
            // Usually the newest: scan from the end.
            var i = _count - 1;
            while (i >= 0 && _values[i].AsOf > entry.AsOf)
                i--;
            if (i >= 0 && _values[i].AsOf == entry.AsOf)
            {
                _values[i] = entry;
                return;
            }
            var at = i + 1;
            if (_count == _values.Length)
            {
                if (at == 0)
                    return; // older than everything kept, and no room: it could never be the latest again.
                Array.Copy(_values, 1, _values, 0, at - 1);
                _values[at - 1] = entry;
                return;
            }
            Array.Copy(_values, at, _values, at + 1, _count - at);
            _values[at] = entry;
            _count++;
        }

        public FeatureValue? Latest(DateTimeOffset asOf)
        {
            for (var i = _count - 1; i >= 0; i--)
            {
                if (_values[i].AsOf <= asOf)
                    return _values[i];
            }
            return null;
        }
    }
}
