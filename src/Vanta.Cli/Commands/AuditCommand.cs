using System.CommandLine;
using System.Globalization;
using Vanta.Cli.Embedded;
using Vanta.Journal;
using Vanta.Journal.Audit;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta audit verify</c>: proves the journal has not been edited, reordered or cut.
/// <c>vanta audit export</c> / <c>verify-bundle</c>: a self-checking excerpt of it for an auditor.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var chainOnly = new Option<bool>("--chain-only")
        {
            Description = "Check layout, seq, links and line hashes but not each envelope's content-derived event_id (about twice as fast)",
        };
        var verify = new Command("verify", "Recompute every hash and link of the journal; exit 1 naming the first bad seq") { home, chainOnly };
        verify.SetAction(parse => Verify(
            HomeLayout.At(parse.GetValue(home)!), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            parse.GetValue(chainOnly) ? VerifyMode.ChainOnly : VerifyMode.Full));
        return new Command("audit", "Audit the journal") { verify, CreateExport(), CreateVerifyBundle() };
    }

    public static int Verify(HomeLayout layout, TextWriter output, TextWriter error, VerifyMode mode = VerifyMode.Full)
    {
        if (!Directory.Exists(layout.Journal))
        {
            error.WriteLine($"vanta audit verify: no journal at {layout.Journal}");
            return 2;
        }
        var result = JournalVerifier.Verify(layout.Journal, mode);
        if (!result.Ok)
        {
            error.WriteLine($"journal INVALID: first bad seq {result.FirstBadSeq}: {result.Problem}");
            return 1;
        }
        output.WriteLine($"journal OK: {result.RecordCount} records, head seq {result.Head.Seq} hash {result.Head.Hash}");
        return 0;
    }

    // Options are checked in the action rather than marked required, so that a usage error exits 2, not the parser's 1.
    private static Command CreateExport()
    {
        var home = VantaCommandLine.HomeOption();
        var from = new Option<string?>("--from") { Description = "Window start, inclusive, on envelope ts_event (ISO 8601, UTC if no offset)" };
        var to = new Option<string?>("--to") { Description = "Window end, exclusive" };
        var output = new Option<string?>("--out") { Description = "Bundle file to write (.zip)" };
        var export = new Command("export", "Write the journal records of a time window, the configs they used, a manifest and a README into a zip") { home, from, to, output };
        export.SetAction(parse => Export(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(from), parse.GetValue(to), parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return export;
    }

    private static Command CreateVerifyBundle()
    {
        var file = new Argument<string?>("FILE") { Description = "Bundle written by vanta audit export", Arity = ArgumentArity.ZeroOrOne };
        var verifyBundle = new Command("verify-bundle", "Check an audit bundle on its own: file digests, record hashes and links, Merkle root, configs") { file };
        verifyBundle.SetAction(parse => VerifyBundle(parse.GetValue(file), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return verifyBundle;
    }

    public static int Export(HomeLayout layout, string? fromText, string? toText, string? outPath, TextWriter output, TextWriter error)
    {
        const string name = "vanta audit export";
        if (fromText is null || toText is null || string.IsNullOrWhiteSpace(outPath))
        {
            error.WriteLine($"{name}: --from, --to and --out are required, e.g. --from 2017-01-01 --to 2017-02-01 --out audit.zip");
            return 2;
        }
        if (!TryParseTime(fromText, out var from) || !TryParseTime(toText, out var to))
        {
            error.WriteLine($"{name}: --from and --to must be ISO 8601 times, e.g. 2017-01-01 or 2017-01-01T14:30:00Z (were '{fromText}', '{toText}')");
            return 2;
        }
        if (to <= from)
        {
            error.WriteLine($"{name}: --to ({toText}) must be after --from ({fromText})");
            return 2;
        }
        if (!Directory.Exists(layout.Journal))
        {
            error.WriteLine($"{name}: no journal at {layout.Journal}");
            return 2;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null && !Directory.Exists(directory))
        {
            error.WriteLine($"{name}: the folder of --out ({directory}) does not exist");
            return 2;
        }

        var result = AuditExport.WriteFile(layout.Journal, new AuditWindow(from, to), outPath);
        if (!result.Ok)
        {
            error.WriteLine($"{name}: {result.Problem}");
            return 1;
        }
        var m = result.Manifest!;
        output.WriteLine($"wrote {outPath}: {m.Records.Count} records (seq {m.Records.FirstSeq}..{m.Records.LastSeq}, {m.Records.InWindow} in the window), {m.Configs.Length} config(s)");
        output.WriteLine($"merkle root {m.MerkleRoot}");
        output.WriteLine($"anchor seq {m.Anchor.Seq} hash {m.Anchor.Hash}; chain head seq {m.ChainHead.Seq} hash {m.ChainHead.Hash}");
        return 0;
    }

    public static int VerifyBundle(string? path, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            error.WriteLine("vanta audit verify-bundle: give the bundle file, e.g. vanta audit verify-bundle audit.zip");
            return 2;
        }
        if (!File.Exists(path))
        {
            error.WriteLine($"vanta audit verify-bundle: no file at {path}");
            return 2;
        }
        var result = BundleVerifier.Verify(path);
        if (!result.Ok)
        {
            var where = result.File is null ? "" : result.File + (result.Seq is { } seq ? $" seq {seq}" : "") + ": ";
            error.WriteLine($"bundle INVALID: {where}{result.Problem}");
            return 1;
        }
        var m = result.Manifest!;
        output.WriteLine($"bundle OK: {m.Records.Count} records, seq {m.Records.FirstSeq}..{m.Records.LastSeq}, merkle root {m.MerkleRoot}");
        output.WriteLine($"anchor seq {m.Anchor.Seq} hash {m.Anchor.Hash}; chain head at export seq {m.ChainHead.Seq} hash {m.ChainHead.Hash}");
        return 0;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
