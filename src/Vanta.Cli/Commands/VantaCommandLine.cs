using System.CommandLine;

namespace Vanta.Cli.Commands;

/// <summary>The <c>vanta</c> command tree.</summary>
public static class VantaCommandLine
{
    /// <summary>Default state directory, overridable with <c>--home</c> or <c>VANTA_HOME</c>.</summary>
    public static string DefaultHome =>
        Environment.GetEnvironmentVariable("VANTA_HOME") is { Length: > 0 } home ? home : "vanta-home";

    public static Option<string> HomeOption() => new("--home")
    {
        Description = "State directory (memory/, logs/). Default: $VANTA_HOME or ./vanta-home",
        DefaultValueFactory = _ => DefaultHome,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("Vanta: a self-hosted capital intelligence OS");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(SignalsCommand.Create());
        root.Subcommands.Add(HarvestCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(VaultCommand.Create());
        root.Subcommands.Add(PnlCommand.Create());
        foreach (var command in OrderCommand.Create())
            root.Subcommands.Add(command);
        return root;
    }
}
