using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Cli.Rendering;
using Vanta.Executor.Attribution;
using Vanta.Journal;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta pnl</c>: realised, unrealised and fees by vault, conviction band, model or source family, computed from
/// the home's journal (the truth) rather than from <c>memory/pnl_summary.json</c> (a view of it).
/// </summary>
public static class PnlCommand
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var by = new Option<string?>("--by") { Description = "Group by vault, band, model or source (default: every one)" };
        by.AcceptOnlyFromAmong([.. PnlDimensions.All]);
        var daily = new Option<bool>("--daily") { Description = "One row per UTC day (and group, with --by)" };
        var json = new Option<bool>("--json") { Description = "JSON (snake_case) instead of tables" };
        var command = new Command("pnl", "PnL attribution by vault, conviction band, model and source family, from the journal") { home, by, daily, json };
        command.SetAction(parse => Show(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(by), parse.GetValue(daily), parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Show(HomeLayout layout, string? by, bool daily, bool asJson, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!Directory.Exists(layout.Journal))
        {
            error.WriteLine($"vanta pnl: {layout.Journal} does not exist; run `vanta run` first");
            return 2;
        }
        PnlAttribution attribution;
        try
        {
            attribution = Attribute(layout, FamiliesFor(layout));
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"vanta pnl: {e.Message}");
            return 2;
        }

        var dimensions = by is null ? PnlDimensions.All : [by];
        if (asJson)
        {
            var report = new PnlReport(attribution.Total, [.. dimensions.Select(d => new PnlReportGroups(
                d, attribution.By(d), daily ? [.. attribution.Daily.Select(day => new PnlReportDay(day.Date, day.Total, day.By(d)))] : []))]);
            output.WriteLine(JsonSerializer.Serialize(report, PnlJsonContext.Default.PnlReport));
            return 0;
        }
        var console = Consoles.For(output);
        foreach (var dimension in dimensions)
            console.Write(daily ? DailyTable(attribution, dimension) : Table(attribution, dimension));
        return 0;
    }

    /// <summary>Attributes the PnL of everything the home's journal holds.</summary>
    public static PnlAttribution Attribute(HomeLayout layout, ModelFamilies families)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return PnlAttributor.Attribute(JournalReader.ReadAll(layout.Journal).Select(r => r.Envelope), families);
    }

    /// <summary>Each model's source family, as the model layer declares it.</summary>
    public static ModelFamilies FamiliesOf(IEnumerable<IScoringModel> models) =>
        new(models.Select(m => KeyValuePair.Create(m.Id, m.Family)));

    /// <summary>The families of the models the home's <c>models.json</c> enables (the default set when it has none).</summary>
    private static ModelFamilies FamiliesFor(HomeLayout layout)
    {
        var config = File.Exists(layout.ModelsConfig) && ModelsConfigLoader.Load(layout.ModelsConfig) is { IsSuccess: true } loaded
            ? loaded.Config!
            : ModelsConfig.Default;
        return FamiliesOf(ModelLayer.Create(config, new VaderSentiment()).Models);
    }

    private static Table Table(PnlAttribution attribution, string dimension)
    {
        var table = NewTable($"[bold]PnL by {dimension}[/]", dimension);
        foreach (var (group, figures) in attribution.By(dimension))
            Row(table, group, figures);
        Row(table, "total", attribution.Total, bold: true);
        return table;
    }

    private static Table DailyTable(PnlAttribution attribution, string dimension)
    {
        var table = NewTable($"[bold]daily PnL by {dimension}[/]", "date", dimension);
        foreach (var day in attribution.Daily)
        {
            var date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var (group, figures) in day.By(dimension))
                Row(table, [date, group], figures);
        }
        Row(table, ["total", ""], attribution.Total, bold: true);
        return table;
    }

    private static Table NewTable(string title, params string[] keys)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var key in keys)
            table.AddColumn(key);
        foreach (var column in new[] { "realised", "unrealised", "fees", "total" })
            table.AddColumn(new TableColumn(column).RightAligned());
        return table;
    }

    private static void Row(Table table, string group, PnlFigures figures, bool bold = false) => Row(table, [group], figures, bold);

    private static void Row(Table table, string[] keys, PnlFigures figures, bool bold = false)
    {
        var cells = keys.Concat([Money(figures.Realized), Money(figures.Unrealized), Money(figures.Fees), Money(figures.Total)])
            .Select(c => bold ? $"[bold]{Markup.Escape(c)}[/]" : Markup.Escape(c));
        table.AddRow([.. cells]);
    }

    private static string Money(decimal m) => m.ToString("#,##0.00;-#,##0.00;0.00", CultureInfo.InvariantCulture);
}

/// <summary>What <c>vanta pnl --json</c> prints: the total and, per dimension asked for, its groups (and days).</summary>
public sealed record PnlReport(PnlFigures Total, ImmutableArray<PnlReportGroups> Dimensions);

public sealed record PnlReportGroups(string By, ImmutableSortedDictionary<string, PnlFigures> Groups, ImmutableArray<PnlReportDay> Daily);

public sealed record PnlReportDay(DateOnly Date, PnlFigures Total, ImmutableSortedDictionary<string, PnlFigures> Groups);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PnlReport))]
internal sealed partial class PnlJsonContext : JsonSerializerContext;
