using Vanta.Core.Domain;
using Vanta.Markets.Features;
using Vanta.Markets.Reflection;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>Settings of the walk-forward <see cref="AnomalyLearner"/>. Counts are bars of one symbol.</summary>
/// <param name="FitEvery">N: refit a symbol's forest after this many new complete rows since its last fit.</param>
/// <param name="Window">The trailing number of a symbol's rows a fit sees.</param>
/// <param name="MinRows">No forest before this many complete rows of the symbol exist; the model abstains until then.</param>
/// <param name="Trees">Isolation trees per forest (t).</param>
/// <param name="SubsampleSize">Sub-sample per tree (psi), capped at the window's rows.</param>
/// <param name="Seed">Seeds every fit (with the symbol and the fit's number): same seed, same tape, same forests.</param>
public sealed record AnomalyLearnerOptions(
    int FitEvery = 60,
    int Window = 250,
    int MinRows = 60,
    int Trees = 100,
    int SubsampleSize = 128,
    int Seed = 23)
{
    /// <summary>Throws when a setting cannot work; settings come from code or validated config.</summary>
    public AnomalyLearnerOptions Validated()
    {
        Require(FitEvery >= 1, nameof(FitEvery), "at least 1");
        Require(MinRows >= 2, nameof(MinRows), "at least 2");
        Require(Window >= MinRows, nameof(Window), "at least MinRows");
        Require(Trees >= 1, nameof(Trees), "at least 1");
        Require(SubsampleSize >= 2, nameof(SubsampleSize), "at least 2");
        return this;
    }

    private static void Require(bool ok, string name, string what)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, $"AnomalyLearnerOptions.{name} must be {what}");
    }
}

/// <summary>One fit of a symbol's forest: the rows it saw ran from <see cref="From"/> to <see cref="Through"/>, and it was grown at the bar of <see cref="At"/>.</summary>
public sealed record AnomalyFit(string Symbol, int Number, DateTimeOffset From, DateTimeOffset Through, int Rows, DateTimeOffset At);

/// <summary>
/// Walk-forward training of <c>anomaly-iforest@1</c>. Each bar of a symbol brings its row
/// (<c>ret_1d</c>, <c>volume_z_20d</c>, <c>vol_20d</c>) as known at the bar; every <see cref="AnomalyLearnerOptions.FitEvery"/>
/// rows the symbol's Isolation Forest is regrown on its trailing <see cref="AnomalyLearnerOptions.Window"/> rows. A fit
/// happens when a bar arrives and before its own row joins the history, so the forest that scores a bar was grown
/// only on earlier bars of that symbol (and <see cref="IsolationForestScoringModel"/> refuses any vector older
/// than its training). Forests are per symbol: a day is unusual for that instrument, not against the market's
/// mix of volatilities. Each fit draws from <c>new Random(seed)</c> with the seed mixed from the options' seed,
/// the symbol (a stable FNV-1a hash) and the fit's number, so a symbol's forests do not depend on other symbols.
/// A forest is grown ahead, on the thread pool, from the moment the window it will see is complete (see
/// <see cref="Grower"/>), so the fit is off the scoring path on a second core; the result does not change.
/// </summary>
public sealed class AnomalyLearner : IBarLearner, IPerInstrument
{
    private readonly AnomalyLearnerOptions _options;
    private readonly IsolationForestOptions _forest;
    private readonly Dictionary<string, SymbolHistory> _symbols = new(StringComparer.Ordinal);
    private readonly List<AnomalyFit> _fits = [];

    public AnomalyLearner(AnomalyLearnerOptions? options = null)
    {
        _options = (options ?? new AnomalyLearnerOptions()).Validated();
        _forest = new IsolationForestOptions { Trees = _options.Trees, SubsampleSize = _options.SubsampleSize };
        Model = new AnomalyModel(this);
    }

    public AnomalyLearnerOptions Options => _options;

    /// <summary><c>anomaly-iforest@1</c> over the latest forest of the vector's symbol; null before its first fit.</summary>
    public IScoringModel Model { get; }

    /// <summary>Every fit so far, in the order they happened.</summary>
    public IReadOnlyList<AnomalyFit> Fits => _fits;

    /// <summary>The forest that scores <paramref name="symbol"/> now, or null before its first fit.</summary>
    public IsolationForestScoringModel? Current(string symbol) => _symbols.TryGetValue(symbol, out var h) ? h.Model : null;

    public void Observe(PriceBar bar, FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(features);
        if (Row(features) is not { } row)
            return;
        if (!_symbols.TryGetValue(features.Symbol, out var history))
            _symbols.Add(features.Symbol, history = new SymbolHistory(_options.Window));

        // A row at or before the latest kept one would let a fit see a later bar than one it scores: skip it.
        if (history.Count > 0 && features.AsOf <= history.LastAsOf)
            return;

        if (IsDue(history))
            Fit(features.Symbol, history, features.AsOf);
        history.Add(row, features.AsOf);
        if (IsDue(history))
            history.Ahead = Task.Run(Grower(features.Symbol, history));
    }

    private bool IsDue(SymbolHistory history) =>
        history.Model is null ? history.Count >= _options.MinRows : history.SinceFit >= _options.FitEvery;

    private void Fit(string symbol, SymbolHistory history, DateTimeOffset at)
    {
        var grown = history.Ahead?.GetAwaiter().GetResult() ?? Grower(symbol, history)();
        history.Ahead = null;
        history.Model = new IsolationForestScoringModel(grown.Forest, grown.Through);
        history.FitCount++;
        history.SinceFit = 0;
        _fits.Add(new AnomalyFit(symbol, history.FitCount, grown.From, grown.Through, grown.Rows, at));
    }

    /// <summary>
    /// The symbol's next fit over its window as it is now. <see cref="Observe"/> runs it on the thread pool as soon as
    /// the next bar will be due: nothing joins the window before that fit is taken (a bar's row is added only after
    /// its fit, and a bar without a row changes nothing), so it grows the forest a fit at the due bar would grow.
    /// </summary>
    private Func<GrownForest> Grower(string symbol, SymbolHistory history)
    {
        var (rows, from, through) = history.Window();
        var seed = SeedOf(_options.Seed, symbol, history.FitCount + 1);
        var options = _forest;
        return () => new GrownForest(IsolationForest.Fit(rows, options, new Random(seed)), rows.Length, from, through);
    }

    /// <summary>The row of the forest's attributes, or null when one is missing or not finite.</summary>
    private static double[]? Row(FeatureVector features)
    {
        var names = IsolationForestScoringModel.FeatureNames;
        var row = new double[names.Length];
        for (var i = 0; i < row.Length; i++)
        {
            if (features.Get(names[i]) is not { } value)
                return null;
            row[i] = (double)value;
            if (!double.IsFinite(row[i]))
                return null;
        }
        return row;
    }

    /// <summary>A stable seed: FNV-1a over the symbol's UTF-16 units, mixed with the base seed and the fit number.</summary>
    internal static int SeedOf(int seed, string symbol, int fit)
    {
        var hash = 2166136261u;
        foreach (var c in symbol)
            hash = unchecked((hash ^ c) * 16777619u);
        hash = unchecked((hash ^ (uint)seed) * 16777619u);
        hash = unchecked((hash ^ (uint)fit) * 16777619u);
        return (int)(hash & 0x7FFFFFFF);
    }

    private sealed record GrownForest(IsolationForest Forest, int Rows, DateTimeOffset From, DateTimeOffset Through);

    private sealed class SymbolHistory(int capacity)
    {
        private readonly double[][] _rows = new double[capacity][];
        private readonly DateTimeOffset[] _asOf = new DateTimeOffset[capacity];
        private int _next;

        public int Count { get; private set; }

        public int SinceFit { get; set; }

        public int FitCount { get; set; }

        public IsolationForestScoringModel? Model { get; set; }

        /// <summary>The next forest, growing ahead of the bar that is due to take it.</summary>
        public Task<GrownForest>? Ahead { get; set; }

        public DateTimeOffset LastAsOf => _asOf[(_next + _rows.Length - 1) % _rows.Length];

        public void Add(double[] row, DateTimeOffset asOf)
        {
            _rows[_next] = row;
            _asOf[_next] = asOf;
            _next = (_next + 1) % _rows.Length;
            Count = Math.Min(Count + 1, _rows.Length);
            SinceFit++;
        }

        /// <summary>The kept rows, oldest first, with the first and last as-of times.</summary>
        public (double[][] Rows, DateTimeOffset From, DateTimeOffset Through) Window()
        {
            var rows = new double[Count][];
            var start = (_next - Count + _rows.Length) % _rows.Length;
            for (var i = 0; i < Count; i++)
                rows[i] = _rows[(start + i) % _rows.Length];
            return (rows, _asOf[start], LastAsOf);
        }
    }

    private sealed class AnomalyModel(AnomalyLearner learner) : IScoringModel, IPerInstrument
    {
        public string Id => IsolationForestScoringModel.ModelId;

        public string Family => "anomaly";

        public ModelScore? Score(FeatureVector features)
        {
            ArgumentNullException.ThrowIfNull(features);
            return learner.Current(features.Symbol)?.Score(features);
        }
    }
}
