using System.Collections.Immutable;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// Trains <see cref="DirectionModel"/> walk-forward. Bars arrive in time order, each with the features known at
/// its close. The bar at t becomes an example only when the bar at t+N arrives (never earlier), labelled with
/// the sign of close(t+N) / close(t) − 1; a flat return gives no example. After every
/// <see cref="DirectionOptions.RetrainEvery"/> new examples (or <see cref="DirectionOptions.RetrainEveryDays"/>
/// days) the model is refitted on the trailing <see cref="DirectionOptions.Window"/> examples. Every score is
/// also kept with its bar, and checked against the label when it arrives: the out-of-sample hit rate.
/// Not thread-safe: one writer feeds it; the model may be read concurrently.
/// </summary>
public sealed class WalkForwardTrainer
{
    private readonly DirectionOptions _options;
    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private readonly Queue<LabelledExample> _window = new();
    private int _upInWindow;
    private int _sinceTraining;
    private DateTimeOffset? _lastTraining;
    private int _predictions;
    private int _hits;
    private int _labelled;
    private int _ups;
    private int _trainings;

    // A run with prefits takes the fit already made for the same window; a scan ahead only hands its windows out.
    private readonly DirectionPrefits? _prefits;
    private readonly Action<LabelledExample[], DateTimeOffset>? _windowFound;

    public WalkForwardTrainer(DirectionOptions options, DirectionPrefits? prefits = null)
    {
        _options = options.Validated();
        _prefits = prefits;
        Model = new DirectionModel(_options);
    }

    /// <summary>A trainer that fits nothing: each training window goes to <paramref name="windowFound"/> instead.</summary>
    internal WalkForwardTrainer(DirectionOptions options, Action<LabelledExample[], DateTimeOffset> windowFound)
        : this(options)
    {
        _windowFound = windowFound;
    }

    /// <summary>The model being trained; it abstains until the first training.</summary>
    public DirectionModel Model { get; }

    /// <summary>The trailing examples the next training will see, oldest first.</summary>
    public IReadOnlyCollection<LabelledExample> Window => _window;

    public WalkForwardStats Stats => new(_predictions, _hits, _labelled, _ups, _trainings);

    /// <summary>Takes the bar of <c>features.Symbol</c> that closed at <c>features.AsOf</c> at <paramref name="close"/>.</summary>
    public WalkForwardStep Observe(FeatureVector features, decimal close)
    {
        if (close <= 0m)
            return WalkForwardStep.Refused("close must be positive");
        if (!_tracks.TryGetValue(features.Symbol, out var track))
            _tracks[features.Symbol] = track = new Track();
        if (track.LastAsOf is { } last && features.AsOf <= last)
            return WalkForwardStep.Refused("bar is not after the symbol's previous bar");
        track.LastAsOf = features.AsOf;

        var labelled = 0;
        if (track.Pending.Count == _options.Horizon)
            labelled = Label(track.Pending.Dequeue(), features.Symbol, features.AsOf, close);

        var retrained = ShouldTrain(features.AsOf) && Train(features.AsOf);
        var score = Model.Score(features);

        var x = new float[_options.Features.Length];
        var known = DirectionModel.TryRead(features, _options.Features, x);
        track.Pending.Enqueue(new Bar(features.AsOf, close, known ? [.. x] : null, score?.Score));
        return new WalkForwardStep(score, labelled, retrained);
    }

    private int Label(Bar bar, string symbol, DateTimeOffset now, decimal close)
    {
        if (close == bar.Close)
            return 0;
        var up = close > bar.Close;
        if (bar.Score is { } s && s != 0m)
        {
            _predictions++;
            if (s > 0m == up)
                _hits++;
        }
        if (bar.Features is not { } features)
            return 0;

        _window.Enqueue(new LabelledExample(symbol, bar.AsOf, now, features, up));
        _upInWindow += up ? 1 : 0;
        if (_window.Count > _options.Window)
            _upInWindow -= _window.Dequeue().Up ? 1 : 0;
        _sinceTraining++;
        _labelled++;
        _ups += up ? 1 : 0;
        return 1;
    }

    private bool ShouldTrain(DateTimeOffset now)
    {
        if (_window.Count < _options.MinExamples || _upInWindow == 0 || _upInWindow == _window.Count)
            return false;
        if (_lastTraining is not { } last)
            return true;
        if (_sinceTraining >= _options.RetrainEvery)
            return true;
        return _options.RetrainEveryDays is { } days && _sinceTraining > 0 && (now - last).TotalDays >= days;
    }

    private bool Train(DateTimeOffset now)
    {
        LabelledExample[] window = [.. _window];
        if (_windowFound is not null)
            _windowFound(window, now);
        else
            Model.Publish(_prefits?.Take(window, now) ?? DirectionTraining.Fit(window, _options, now));
        _lastTraining = now;
        _sinceTraining = 0;
        _trainings++;
        return true;
    }

    private sealed class Track
    {
        public DateTimeOffset? LastAsOf { get; set; }

        /// <summary>The last N bars, each waiting for the bar N later that labels it.</summary>
        public Queue<Bar> Pending { get; } = new();
    }

    private sealed record Bar(DateTimeOffset AsOf, decimal Close, ImmutableArray<float>? Features, decimal? Score);
}
