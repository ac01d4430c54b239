using System.Collections.Immutable;
using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class ParquetFeatureLakeTests
{
    private static FeatureVector Vector(string symbol, DateTimeOffset asOf, params (string Name, decimal Value)[] values) =>
        new(symbol, asOf, values.ToImmutableSortedDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    [Fact]
    public async Task Snapshots_round_trip_through_date_partitions()
    {
        using var temp = new TempFolder();
        var lake = new ParquetFeatureLake(Path.Combine(temp.Path, "lake"));
        var snapshots = new[]
        {
            Vector("XYZ", Day(0), (FeatureNames.Return1d, -0.0250593261m), (FeatureNames.InsiderNetBuyUsd30d, -58_196_754.36m)),
            Vector("ACME", Day(0), (FeatureNames.Return1d, 0.1m)),
            Vector("ACME", Day(1).AddMilliseconds(123), (FeatureNames.VolumeZ20d, 2.9240383037m), (FeatureNames.Gap, 0m)),
        };

        Assert.Equal(5, await lake.WriteAsync(snapshots));

        Assert.True(File.Exists(Path.Combine(temp.Path, "lake", "features", "date=2024-01-01", "part-00000.parquet")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "lake", "features", "date=2024-01-02", "part-00000.parquet")));
        var back = ParquetFeatureLake.ToVectors(await lake.ReadAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 2)));
        Assert.Equal(snapshots.OrderBy(s => s.AsOf).ThenBy(s => s.Symbol, StringComparer.Ordinal).Select(Flat), back.Select(Flat));
        Assert.Equal(TimeSpan.Zero, back[0].AsOf.Offset);
    }

    [Fact]
    public async Task A_second_write_adds_a_part_and_reads_filter_by_date()
    {
        using var temp = new TempFolder();
        var lake = new ParquetFeatureLake(temp.Path);
        await lake.WriteAsync([Vector("ACME", Day(0), ("a", 1m))]);
        await lake.WriteAsync([Vector("ACME", Day(0).AddHours(1), ("a", 2m)), Vector("ACME", Day(3), ("a", 3m))]);

        Assert.True(File.Exists(Path.Combine(temp.Path, "features", "date=2024-01-01", "part-00001.parquet")));
        var firstDay = await lake.ReadAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1));
        Assert.Equal([1m, 2m], firstDay.Select(r => r.Value));
        Assert.Equal([3m], (await lake.ReadAsync(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 31))).Select(r => r.Value));
        Assert.Empty(await new ParquetFeatureLake(Path.Combine(temp.Path, "none")).ReadAsync(DateOnly.MinValue, DateOnly.MaxValue));
    }

    [Fact]
    public async Task The_same_snapshots_give_the_same_bytes()
    {
        using var temp = new TempFolder();
        var snapshots = new[] { Vector("B", Day(0), ("x", 1.5m)), Vector("A", Day(0), ("y", -2m), ("x", 3m)) };
        await new ParquetFeatureLake(Path.Combine(temp.Path, "one")).WriteAsync(snapshots);
        await new ParquetFeatureLake(Path.Combine(temp.Path, "two")).WriteAsync(snapshots.Reverse());

        var part = Path.Combine("features", "date=2024-01-01", "part-00000.parquet");
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "one", part)), File.ReadAllBytes(Path.Combine(temp.Path, "two", part)));
    }

    // Decimal equality ignores scale: the lake reads values back with 18 places.
    private static (string, long, string) Flat(FeatureVector v) =>
        (v.Symbol, v.AsOf.UtcTicks, string.Join(",", v.Values.Select(p => p.Key + "=" + (p.Value / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
