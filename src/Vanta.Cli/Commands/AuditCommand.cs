using System.CommandLine;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Journal;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta audit verify</c>: proves the journal has not been edited, reordered or cut.</summary>
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
        return new Command("audit", "Audit the journal") { verify };
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
}
