using Spectre.Console;

namespace Vanta.Cli.Rendering;

/// <summary>Spectre consoles bound to a command's output writer (the process console, or a test's writer).</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        var isProcessConsole = ReferenceEquals(output, Console.Out);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isProcessConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isProcessConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isProcessConsole && !Console.IsOutputRedirected ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // Redirected output has no terminal width; keep tables (and the 64-hex journal head) on one line.
        if (!console.Profile.Capabilities.Interactive)
            console.Profile.Width = 140;
        return console;
    }
}
