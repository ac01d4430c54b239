using System.Globalization;
using Spectre.Console;
using Vanta.Cli.Embedded;

namespace Vanta.Cli.Rendering;

/// <summary>The closing table of <c>vanta run</c>.</summary>
public static class SummaryTable
{
    public static Table Build(RunSummary s, TimeSpan elapsed)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]vanta run[/]: {Markup.Escape(s.TapeName)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("events read", Count(s.EventsRead));
        Row("  raw documents", Count(s.Documents));
        Row("  observations", Count(s.Observations));
        Row("quarantined", Count(s.Quarantined));
        Row("duplicates dropped", Count(s.Duplicates));
        Row("late (flagged)", Count(s.Late));
        Row("bot swarms reported", Count(s.Swarms));
        Row("convictions", Count(s.Convictions));
        Row("intents", Count(s.Intents));
        Row("orders", Count(s.Orders));
        Row("  refused by risk fences", s.RiskDenials.Count == 0
            ? "0"
            : $"{Count(s.RiskDenials.Values.Sum())} ({string.Join(", ", s.RiskDenials.Select(d => $"{d.Key} {Count(d.Value)}"))})");
        Row("fills", Count(s.Fills));
        Row("starting capital", Money(s.StartingCapital));
        Row("final equity", Money(s.FinalEquity));
        Row("total PnL", Money(s.TotalPnl));
        Row("  realised", Money(s.RealizedPnl));
        Row("  unrealised", Money(s.UnrealizedPnl));
        Row("  fees", Money(s.FeesPaid));
        Row("journal records", $"{Count(s.JournalRecords)} ({Count(s.JournalAppended)} new)");
        Row("journal head", s.JournalHead);
        Row("wall time", $"{elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        return table;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Money(decimal m) => m.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
