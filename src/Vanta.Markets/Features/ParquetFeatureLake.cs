using System.Collections.Immutable;
using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Vanta.Markets.Features;

/// <summary>One stored feature value: a row of the lake.</summary>
public sealed record FeatureRow(string Symbol, DateTimeOffset AsOf, string Feature, decimal Value);

/// <summary>
/// The offline feature store: snapshots as Parquet rows (<c>symbol</c>, <c>as_of</c> UTC timestamp in microseconds,
/// <c>feature</c>, <c>value</c> decimal(38, 18)) under <c>{root}/features/date=YYYY-MM-DD/part-NNNNN.parquet</c>,
/// partitioned by the UTC date of <c>as_of</c>. Each write adds one new part per date (numbered after the existing
/// ones), written to a temporary file and renamed, so a reader never sees half a part. Rows are written sorted by
/// as-of, symbol and feature (ordinal), so the same snapshots give the same bytes. Values keep 18 decimal places;
/// the computers write 10 (<see cref="FeatureMath.Scale"/>), so a round trip is exact.
/// </summary>
public sealed class ParquetFeatureLake
{
    private static readonly DataField<string> SymbolField = new("symbol");
    private static readonly DateTimeDataField AsOfField = new("as_of", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    private static readonly DataField<string> FeatureField = new("feature");
    private static readonly DecimalDataField ValueField = new("value", 38, 18);
    private static readonly ParquetSchema Schema = new(SymbolField, AsOfField, FeatureField, ValueField);

    /// <summary>A lake rooted at <paramref name="root"/> (typically <c>VANTA_HOME/lake</c>); created on first write.</summary>
    public ParquetFeatureLake(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = root;
    }

    /// <summary>The lake's folder.</summary>
    public string Root { get; }

    private string FeaturesDir => Path.Combine(Root, "features");

    /// <summary>Writes every value of <paramref name="snapshots"/>; returns the number of rows written.</summary>
    public async Task<int> WriteAsync(IEnumerable<FeatureVector> snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var rows = snapshots
            .SelectMany(s => s.Values.Select(v => new FeatureRow(s.Symbol, s.AsOf.ToUniversalTime(), v.Key, v.Value)))
            .OrderBy(r => r.AsOf).ThenBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.Feature, StringComparer.Ordinal)
            .ToList();
        foreach (var day in rows.GroupBy(r => DateOnly.FromDateTime(r.AsOf.UtcDateTime)))
            await WritePartAsync(day.Key, [.. day], cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    /// <summary>Every row whose as-of UTC date is in [<paramref name="from"/>, <paramref name="to"/>], sorted by as-of, symbol, feature.</summary>
    public async Task<ImmutableArray<FeatureRow>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var rows = new List<FeatureRow>();
        if (!Directory.Exists(FeaturesDir))
            return [];
        foreach (var dir in Directory.GetDirectories(FeaturesDir, "date=*").Order(StringComparer.Ordinal))
        {
            if (!DateOnly.TryParseExact(Path.GetFileName(dir)["date=".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date) || date < from || date > to)
                continue;
            foreach (var file in Directory.GetFiles(dir, "part-*.parquet").Order(StringComparer.Ordinal))
                await ReadPartAsync(file, rows, cancellationToken).ConfigureAwait(false);
        }
        return [.. rows.OrderBy(r => r.AsOf).ThenBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.Feature, StringComparer.Ordinal)];
    }

    /// <summary>Rows regrouped into one vector per (symbol, as-of), ordered by as-of then symbol; a later row of the same feature wins.</summary>
    public static ImmutableArray<FeatureVector> ToVectors(IEnumerable<FeatureRow> rows) =>
        [.. rows.GroupBy(r => (r.Symbol, r.AsOf))
            .OrderBy(g => g.Key.AsOf).ThenBy(g => g.Key.Symbol, StringComparer.Ordinal)
            .Select(g => new FeatureVector(g.Key.Symbol, g.Key.AsOf, g.Aggregate(
                ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal), (d, r) => d.SetItem(r.Feature, r.Value))))];

    private async Task WritePartAsync(DateOnly date, FeatureRow[] rows, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(FeaturesDir, "date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var part = Directory.GetFiles(dir, "part-*.parquet").Length;
        var path = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"part-{part:D5}.parquet"));
        var temp = path + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(SymbolField, rows.Select(r => r.Symbol).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<DateTime>(AsOfField, rows.Select(r => r.AsOf.UtcDateTime).ToArray(),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await group.WriteAsync(FeatureField, rows.Select(r => r.Feature).ToArray()).ConfigureAwait(false);
                await group.WriteAsync<decimal>(ValueField, rows.Select(r => r.Value).ToArray(),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: false);
    }

    private static async Task ReadPartAsync(string file, List<FeatureRow> rows, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var symbols = new string[count];
            var asOf = new DateTime[count];
            var features = new string[count];
            var values = new decimal[count];
            await group.ReadAsync(SymbolField, symbols, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<DateTime>(AsOfField, asOf, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(FeatureField, features, cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.ReadAsync<decimal>(ValueField, values, cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
                rows.Add(new FeatureRow(symbols[i], new DateTimeOffset(DateTime.SpecifyKind(asOf[i], DateTimeKind.Utc)), features[i], values[i]));
        }
    }
}
