using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Cli.Rendering;
using Vanta.Core.Domain;
using Vanta.Core.Serialization;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta signals</c>: the current conviction vectors, strongest first.</summary>
public static class SignalsCommand
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var top = new Option<int>("--top") { Description = "How many signals to show", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line (snake_case) instead of a table" };
        var command = new Command("signals", "Show current conviction vectors from memory/trade_signals.json") { home, top, json };
        command.SetAction(parse => Show(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(top), parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Show(HomeLayout layout, int top, bool asJson, TextWriter output, TextWriter error)
    {
        var path = Path.Combine(layout.Memory, "trade_signals.json");
        if (!File.Exists(path))
        {
            error.WriteLine($"vanta signals: {path} does not exist; run `vanta run` first");
            return 2;
        }
        ImmutableArray<ConvictionVector> signals;
        try
        {
            signals = JsonSerializer.Deserialize(File.ReadAllBytes(path), VantaJsonContext.Default.ImmutableArrayConvictionVector);
        }
        catch (JsonException e)
        {
            error.WriteLine($"vanta signals: {path} is not valid: {e.Message}");
            return 2;
        }
        var ranked = signals
            .OrderByDescending(s => Math.Abs(s.ConvictionScore))
            .ThenBy(s => s.Symbol, StringComparer.Ordinal)
            .Take(Math.Max(0, top))
            .ToList();

        if (asJson)
        {
            foreach (var s in ranked)
                output.WriteLine(JsonSerializer.Serialize(s, VantaJsonContext.Default.ConvictionVector));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]conviction vectors[/]");
        foreach (var column in new[] { "symbol", "score", "reasons", "models", "issued", "expires", "tags" })
            table.AddColumn(column);
        foreach (var s in ranked)
        {
            table.AddRow(
                Markup.Escape(s.Symbol),
                Markup.Escape(s.ConvictionScore.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture)),
                Markup.Escape(string.Join(", ", s.ReasonVector.Select(r => $"{r.Key} {r.Value.ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture)}"))),
                Markup.Escape(string.Join(", ", s.ContributingModels.Select(m => $"{m.Key}={m.Value.ToString(CultureInfo.InvariantCulture)}"))),
                Markup.Escape(s.IssuedAt.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)),
                Markup.Escape(s.ExpiresAt.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)),
                Markup.Escape(string.Join(",", s.RoutingTags)));
        }
        Consoles.For(output).Write(table);
        return 0;
    }
}
