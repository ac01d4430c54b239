using System.IO.Compression;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Journal.Audit;

namespace Vanta.Journal.Tests.Audit;

/// <summary>
/// A small journal with the shape of a real run: a vault and an overlay config before day 0, then ten days of
/// five bars and one allocation intent each, and on day 5 a new vault config that the later intents use.
/// </summary>
internal static class AuditSamples
{
    public static readonly DateTimeOffset Day0 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public const int Days = 10;
    public const int BarsPerDay = 5;
    private static readonly Producer Alpha = new("node-a", Role.Alpha);

    public static readonly ConfigDocument VaultA = ConfigDocument.Of("vault", "{\"vaults\":[{\"id\":\"core\",\"capital\":100000}]}", Day0.AddDays(-1));
    public static readonly ConfigDocument Overlay = ConfigDocument.Of("vault_overlay", "{\"core\":{\"max_weight\":0.2}}", Day0.AddDays(-1));
    public static readonly ConfigDocument VaultB = ConfigDocument.Of("vault", "{\"vaults\":[{\"id\":\"core\",\"capital\":150000}]}", Day0.AddDays(5));

    public static IReadOnlyList<Envelope> Envelopes()
    {
        var list = new List<Envelope> { Config(VaultA), Config(Overlay) };
        for (var day = 0; day < Days; day++)
        {
            var t = Day0.AddDays(day);
            if (day == 5)
                list.Add(Config(VaultB));
            for (var b = 0; b < BarsPerDay; b++)
                list.Add(Samples.Bar((day * 24 * 60) + (b * 60) + 60));
            var version = day < 5 ? VaultA.Version : VaultB.Version;
            var intent = new AllocationIntent(
                new IntentId($"intent-{day}"), new VaultId("core"), "AAPL", 0.1m, new SignalId($"signal-{day}"), 0.5m,
                version, t.AddHours(20), t.AddDays(1), "test");
            list.Add(Envelope.Create(EventKinds.AllocationIntent, intent, t.AddHours(20), t.AddHours(20), Alpha));
        }
        return list;
    }

    public static Envelope Config(ConfigDocument document) =>
        Envelope.Create(EventKinds.Config, document, document.EffectiveAt, document.EffectiveAt, Alpha);

    public static TempDir Journal(JournalOptions? options = null)
    {
        var dir = new TempDir();
        Journals.Write(dir.Path, Envelopes(), options);
        return dir;
    }

    /// <summary>Every line of the journal, in seq order (seq = index + 1).</summary>
    public static List<string> AllLines(string journal) =>
        [.. Directory.GetFiles(journal, "journal-*.jsonl").Order(StringComparer.Ordinal).SelectMany(Journals.Lines)];

    public static byte[] Export(string journal, AuditWindow window, out BundleManifest manifest)
    {
        using var output = new MemoryStream();
        var result = AuditExport.Write(journal, window, output);
        Assert.True(result.Ok, result.Problem);
        manifest = result.Manifest!;
        return output.ToArray();
    }

    public static List<(string Name, byte[] Content)> Entries(byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        })];
    }

    /// <summary>A bundle with the same entries in the same order, as the exporter lays them out.</summary>
    public static byte[] Rezip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
                BundleLayout.WriteEntry(zip, name, content);
        }
        return output.ToArray();
    }

    public static BundleVerifyResult Verify(byte[] bundle) => BundleVerifier.Verify(new MemoryStream(bundle));
}
