using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;

namespace Vanta.Benchmarks;

/// <summary>
/// One allocation round: 500 live conviction vectors across 20 proportional vaults (target under 1 ms).
/// Each invocation starts from flat books, so every round does the full work. The 20 vaults differ in capital and
/// short permission only, so they form two groups that share their targets within a round; the "distinct" case
/// gives every vault its own per-name cap, so nothing is shared and every vault does all the work.
/// </summary>
[MemoryDiagnoser]
public class VaultAllocationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2019, 6, 3, 21, 0, 0, TimeSpan.Zero);
    private VaultConfig _config = null!;
    private ConfigDocument _document = null!;
    private VaultConfig _distinct = null!;
    private ConfigDocument _distinctDocument = null!;
    private ConvictionVector[] _convictions = [];

    [GlobalSetup]
    public void Setup()
    {
        (_config, _document) = Load(_ => "0.05");
        (_distinct, _distinctDocument) = Load(i => (0.05m + (i * 0.001m)).ToString(CultureInfo.InvariantCulture));
        var random = new Random(5);
        var reasons = ImmutableSortedDictionary<string, decimal>.Empty;
        _convictions = [.. Enumerable.Range(0, 500).Select(i =>
        {
            var score = Math.Round((decimal)(random.NextDouble() * 2 - 1), 6);
            return new ConvictionVector(new SignalId("s" + i), "SYM" + i.ToString("D3", CultureInfo.InvariantCulture), score,
                reasons.Add("m@1", score), reasons.Add("m@1", 1m), Now, TimeSpan.FromDays(4), Now.AddDays(4), ["equity"], []);
        })];
    }

    [Benchmark]
    public int Allocate500Across20Vaults() => new VaultAllocator(_config, _document).AllocateBatch(_convictions, Now).Count;

    [Benchmark]
    public int Allocate500Across20DistinctVaults() => new VaultAllocator(_distinct, _distinctDocument).AllocateBatch(_convictions, Now).Count;

    private static (VaultConfig, ConfigDocument) Load(Func<int, string> maxWeight)
    {
        var vaults = string.Join(",", Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{ "id": "v{{i:D2}}", "capital": {{100_000 + i * 1000}}, "persona": "balanced", "routing_tags": ["equity"], "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": {{maxWeight(i)}}, "gross_cap": 0.95, "rebalance_band": 0.01 }, "allow_short": {{(i % 2 == 0 ? "true" : "false")}}, "compound_realized_pnl": false }""")));
        var loaded = VaultConfigLoader.Parse($$"""{ "schema_version": 1, "base_currency": "USD", "vaults": [{{vaults}}] }""", Now);
        return (loaded.Config ?? throw new InvalidOperationException(string.Join("; ", loaded.Errors)), loaded.Document!);
    }
}
