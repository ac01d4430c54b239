using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Markets.Reflection.Evaluation;

/// <summary>One predictor's walk-forward record over the evaluation window.</summary>
/// <param name="PrecisionAtK">Mean over dates of the share of the K highest-|score| names whose forward return has the predicted sign.</param>
/// <param name="RankIc">Mean over dates of the Spearman correlation between scores and forward returns across names.</param>
public sealed record PredictorRecord(string Name, int Dates, int Predictions, decimal PrecisionAtK, decimal RankIc);

public sealed record EvaluationReport(DateOnly From, DateOnly To, int Horizon, int TopK, int Symbols, ImmutableArray<PredictorRecord> Predictors);

/// <summary>
/// Walk-forward evaluation of every model, the stack, and two baselines (seeded random, 20-day momentum) over
/// daily bars: bars are replayed in time order through the model layer, which only ever sees the past; each
/// score is judged against the return from its bar's close to the close <c>Horizon</c> bars later.
/// </summary>
public static class ConvictionEvaluation
{
    public const string Stack = "stack";
    public const string RandomBaseline = "baseline:random";
    public const string MomentumBaseline = "baseline:momentum-20d";

    public static EvaluationReport Run(IReadOnlyList<PriceBar> bars, DateOnly from, DateOnly to, int horizon = 5, int topK = 5, int seed = 7)
    {
        var ordered = bars.OrderBy(b => b.TsEvent).ThenBy(b => b.Symbol, StringComparer.Ordinal).ToList();
        var closes = ordered.GroupBy(b => b.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(b => b.Close).ToList(), StringComparer.Ordinal);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        // Every bar is known up front: the direction fits start ahead, beside the scoring (same outputs).
        var prefits = ModelLayer.StartPrefits(ModelsConfig.Default, ordered);
        var layer = ModelLayer.CreateDefault(new VaderSentiment(), new StackerOptions { HorizonBars = horizon }, prefits: prefits);
        var random = new Random(seed);
        // date -> predictor -> (symbol, score, forward return)
        var byDate = new SortedDictionary<DateOnly, Dictionary<string, List<(string Symbol, decimal Score, decimal Forward)>>>();

        // Every bar is known up front too: the layer's two steps run on two cores (same outputs as one bar at a time).
        var reflected = layer.UpdateAll([.. ordered.Select(bar => new Observed<IObservation>(
            new EventId(ContentHash.Id(bar.Symbol, bar.TsEvent.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture))), bar))]);
        for (var b = 0; b < ordered.Count; b++)
        {
            var bar = ordered[b];
            var (scores, conviction) = reflected[b];
            var index = position[bar.Symbol] = position.GetValueOrDefault(bar.Symbol, -1) + 1;
            var date = DateOnly.FromDateTime(bar.TsEvent.UtcDateTime);
            var noise = (decimal)(random.NextDouble() * 2 - 1);
            var series = closes[bar.Symbol];
            if (date < from || date > to || index + horizon >= series.Count)
                continue;
            var forward = series[index + horizon] / series[index] - 1m;
            if (!byDate.TryGetValue(date, out var predictors))
                byDate[date] = predictors = new Dictionary<string, List<(string, decimal, decimal)>>(StringComparer.Ordinal);
            void Add(string name, decimal score) => (predictors.TryGetValue(name, out var list) ? list : predictors[name] = []).Add((bar.Symbol, score, forward));
            foreach (var score in scores)
                Add(score.ModelId, score.Score);
            if (conviction is not null)
                Add(Stack, conviction.ConvictionScore);
            Add(RandomBaseline, noise);
            if (scores.Count > 0 && ReturnOver20(series, index) is { } momentum)
                Add(MomentumBaseline, momentum);
        }

        var names = byDate.Values.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var records = names.Select(name => Judge(name, byDate.Values.Select(d => d.GetValueOrDefault(name)).OfType<List<(string, decimal, decimal)>>().ToList(), topK));
        return new EvaluationReport(from, to, horizon, topK, closes.Count, [.. records]);
    }

    private static decimal? ReturnOver20(List<decimal> series, int index) => index >= 20 ? series[index] / series[index - 20] - 1m : null;

    private static PredictorRecord Judge(string name, List<List<(string Symbol, decimal Score, decimal Forward)>> dates, int topK)
    {
        var precisions = new List<decimal>();
        var ics = new List<decimal>();
        var predictions = 0;
        foreach (var day in dates)
        {
            var top = day.Where(p => p.Score != 0m && p.Forward != 0m)
                .OrderByDescending(p => Math.Abs(p.Score)).ThenBy(p => p.Symbol, StringComparer.Ordinal).Take(topK).ToList();
            if (top.Count > 0)
            {
                precisions.Add((decimal)top.Count(p => Math.Sign(p.Score) == Math.Sign(p.Forward)) / top.Count);
                predictions += top.Count;
            }
            if (day.Count >= 3)
                ics.Add(ModelLeaderboard.Spearman(day.Select(p => (p.Score, p.Forward)).ToList()));
        }
        return new PredictorRecord(name, dates.Count, predictions,
            precisions.Count == 0 ? 0m : Math.Round(precisions.Average(), 4), ics.Count == 0 ? 0m : Math.Round(ics.Average(), 4));
    }
}
