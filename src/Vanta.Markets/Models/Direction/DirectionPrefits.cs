using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// Walk-forward fits of a tape computed ahead, on other cores. When the whole input is known before the run (a tape,
/// a replay, an evaluation), the labelled examples do not depend on any model's output: a scan of the price features
/// alone finds every training window the run will reach, and each window's fit starts on the thread pool at once.
/// The run's trainer then takes the fit whose window matches its own byte for byte (a SHA-256 over every example and
/// the training time), so outputs are exactly those of fitting in line; a window the scan did not foresee is fitted
/// in line as before. ML.NET trains one LightGBM model at a time per process (a global lock), so the fits queue
/// behind one another: what is gained is their running beside the scoring.
/// </summary>
public sealed class DirectionPrefits
{
    private readonly ConcurrentDictionary<string, Task<DirectionFit>> _fits = new(StringComparer.Ordinal);
    private readonly DirectionOptions _options;
    private Task _scan = Task.CompletedTask;

    private DirectionPrefits(DirectionOptions options) => _options = options.Validated();

    private int _started;
    private int _begun;

    /// <summary>Fits started ahead so far.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Fits the run took from here instead of fitting in line.</summary>
    public int Taken { get; private set; }

    /// <summary>Why the scan stopped early, when it did (the run then fitted the rest in line); null otherwise.</summary>
    public string? ScanError { get; private set; }

    /// <summary>Prefits for a run with <paramref name="options"/>; nothing is fitted ahead until <see cref="Start"/>.</summary>
    public static DirectionPrefits For(DirectionOptions options) => new(options);

    /// <summary>
    /// Starts scanning <paramref name="observations"/> (in the order the run will see them, each at its event time, as
    /// the replay clock does) on the thread pool; each training window found starts its fit there too. Call it before
    /// the run's first observation, once.
    /// </summary>
    public void Start(IReadOnlyList<IObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (Interlocked.Exchange(ref _begun, 1) == 1)
            throw new InvalidOperationException("the prefits were already started");
        _scan = Task.Run(() => Scan(observations));
    }

    private void Scan(IReadOnlyList<IObservation> observations)
    {
        // The same stages in front of the trainer as the run: duplicates and late arrivals dropped, price features.
        // Text sentiment does not reach the direction model's inputs, so the scan scores texts with VADER.
        var enricher = PreEnricher.CreateDefault();
        var features = FeatureEngine.Create(new VaderSentiment());
        var store = new InMemoryFeatureStore();
        var trainer = new WalkForwardTrainer(_options, (window, asOf) =>
        {
            if (_fits.TryAdd(Key(window, asOf), Task.Run(() => DirectionTraining.Fit(window, _options, asOf))))
                Interlocked.Increment(ref _started);
        });
        for (var i = 0; i < observations.Count; i++)
        {
            var enriched = enricher.Process(observations[i], observations[i].TsEvent);
            if (enriched.IsDuplicate)
                continue;
            var observed = new Observed<IObservation>(new EventId("prefit-" + i.ToString(CultureInfo.InvariantCulture)), enriched.Observation);
            if (features.Update(observed, enriched, store).Rejected is null && enriched.Observation is PriceBar bar)
                trainer.Observe(store.Snapshot(bar.Symbol, bar.TsEvent), bar.Close);
        }
    }

    /// <summary>The fit of exactly this window and training time when one was started ahead; null otherwise.</summary>
    internal DirectionFit? Take(IReadOnlyList<LabelledExample> window, DateTimeOffset asOf)
    {
        // A fit taken is let go here: the trainer keeps it while it is current, and a long evaluation starts thousands.
        var key = Key(window, asOf);
        if (!_fits.TryRemove(key, out var fit))
        {
            // The scan runs far ahead of the run; if it has not got here yet, wait for it to finish before giving up.
            // A scan that failed only costs speed: the run fits in line.
            try
            {
                _scan.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ScanError ??= ex.Message;
            }
            if (!_fits.TryRemove(key, out fit))
                return null;
        }
        Taken++;
        return fit.GetAwaiter().GetResult();
    }

    private static string Key(IReadOnlyList<LabelledExample> window, DateTimeOffset asOf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scalars = stackalloc byte[8 * 3 + 1];
        foreach (var e in window)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(e.Symbol));
            BitConverter.TryWriteBytes(scalars, e.FeaturesAsOf.UtcTicks);
            BitConverter.TryWriteBytes(scalars[8..], e.LabelledAsOf.UtcTicks);
            BitConverter.TryWriteBytes(scalars[16..], e.Features.Length);
            scalars[24] = e.Up ? (byte)1 : (byte)0;
            hash.AppendData(scalars);
            hash.AppendData(MemoryMarshal.AsBytes(e.Features.AsSpan()));
        }
        BitConverter.TryWriteBytes(scalars, asOf.UtcTicks);
        hash.AppendData(scalars[..8]);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
