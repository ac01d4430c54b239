using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Csv;
using Vanta.Markets.Collectors.Lean;

namespace Vanta.Markets.Reflection.Evaluation;

/// <summary>
/// Daily bars from a folder of CSV files: LEAN daily files adjusted with the folder's <c>factor_files/</c> when
/// it has one, otherwise any layout the CSV bars parser detects. What cannot be read is quarantined, not dropped.
/// </summary>
public static class BarDirectory
{
    public static (ImmutableArray<PriceBar> Bars, ImmutableArray<QuarantineEntry> Quarantined) Load(string directory, DateTimeOffset readAt)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        var factorDir = Path.Combine(directory, "factor_files");
        var lean = Directory.Exists(factorDir)
            ? new LeanDailyParser(Directory.GetFiles(factorDir, "*.csv").Order(StringComparer.Ordinal).Select(f =>
            {
                var parsed = LeanFactorFile.Parse(RawDocument.Of(LeanFactorFile.Source, f, "text/csv", readAt, File.ReadAllBytes(f)));
                quarantined.AddRange(parsed.Quarantined);
                return parsed.File;
            }))
            : null;
        var bars = ImmutableArray.CreateBuilder<PriceBar>();
        foreach (var file in Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var document = RawDocument.Of(lean is null ? CsvBarsParser.SourceKind : LeanDailyParser.SourceKind, file, "text/csv", readAt, File.ReadAllBytes(file));
            var result = lean is not null ? lean.Parse(document) : new CsvBarsParser().Parse(document);
            bars.AddRange(result.Observations.OfType<PriceBar>());
            quarantined.AddRange(result.Quarantined);
        }
        return (bars.ToImmutable(), quarantined.ToImmutable());
    }
}
