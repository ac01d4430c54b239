using Spectre.Console;

namespace Vanta.Cli.Rendering;

/// <summary>Spectre consoles bound to a command's output writer (the process console, or a test's writer).</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter output)
    {
        var isProcessConsole = ReferenceEquals(output, Console.Out);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isProcessConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isProcessConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isProcessConsole && !Console.IsOutputRedirected ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }
}
