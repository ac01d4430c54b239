using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Journal;
using Vanta.Markets.Models;
using Vanta.Markets.Reflection;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Cli.Embedded;

/// <summary><c>memory/system_belief.json</c>: what the stacker believes about its models right now.</summary>
public sealed record SystemBelief(
    DateTimeOffset AsOf,
    ImmutableSortedDictionary<string, decimal> Weights,
    long WeightUpdates,
    ImmutableArray<ModelHealth> Models,
    long FeatureRejections,
    ImmutableSortedDictionary<string, long> FeatureRejectionsByReason);

/// <summary>One model's health: how many instruments it currently scores, and its trailing record.</summary>
public sealed record ModelHealth(string Id, string Family, int InstrumentsScored, int Judged, decimal HitRate, decimal InformationCoefficient);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = true)]
[JsonSerializable(typeof(SystemBelief))]
[JsonSerializable(typeof(ImmutableArray<LeaderboardEntry>))]
[JsonSerializable(typeof(ImmutableArray<ModelScore>))]
public sealed partial class BeliefJsonContext : JsonSerializerContext;

/// <summary>Writes the model layer's operator views: system belief, leaderboard, and one file of signals per family.</summary>
public static class BeliefSnapshots
{
    private static readonly BeliefJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static void Write(AtomicSnapshotStore store, DateTimeOffset now, ModelLayerScorer layer)
    {
        var stacker = layer.Stacker;
        var board = stacker.Leaderboard.Entries(stacker.Weights);
        var latest = layer.LatestScores.ToList();
        var health = layer.Models.Select(m =>
        {
            var entry = board.FirstOrDefault(e => e.ModelId == m.Id);
            return new ModelHealth(m.Id, m.Family, latest.Count(s => s.ModelId == m.Id), entry?.Judged ?? 0, entry?.HitRate ?? 0m, entry?.InformationCoefficient ?? 0m);
        });
        store.Write("system_belief.json", new SystemBelief(now, stacker.Weights.Current, stacker.Weights.Updates, [.. health],
            layer.Features.Rejections.Total,
            layer.Features.Rejections.Counts.ToImmutableSortedDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Key.ToString()), p => p.Value, StringComparer.Ordinal)),
            Json.SystemBelief);
        store.Write("signal_leaderboard.json",
            [.. board.OrderByDescending(e => e.InformationCoefficient).ThenBy(e => e.ModelId, StringComparer.Ordinal)],
            Json.ImmutableArrayLeaderboardEntry);
        foreach (var family in layer.Models.Select(m => m.Family).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            store.Write($"{family}_signals.json",
                [.. latest.Where(s => s.Family == family).OrderBy(s => s.Symbol, StringComparer.Ordinal).ThenBy(s => s.ModelId, StringComparer.Ordinal)],
                Json.ImmutableArrayModelScore);
        }
    }
}
