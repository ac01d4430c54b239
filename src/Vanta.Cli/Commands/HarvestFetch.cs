using System.Globalization;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Cli.Rendering;
using Vanta.Core.Envelopes;
using Vanta.Core.Serialization;
using Vanta.Http;
using Vanta.Http.RateLimiting;
using Vanta.Journal;
using Vanta.Markets.Harvest;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta harvest fetch</c>: runs one collector live with the settings in harvest.json, journaling every
/// payload as it arrives, then the observations parsed from it (and anything quarantined).
/// </summary>
public static class HarvestFetch
{
    public sealed record Options(HomeLayout Home, string Source, int? Pages, TimeProvider Clock, Func<string, string?> Environment, HttpClient? Http = null);

    public static async Task<int> ExecuteAsync(Options options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var home = options.Home;
        home.EnsureCreated();
        HarvestConfigLoader.WriteDefaultIfMissing(home.HarvestConfig);
        var loaded = HarvestConfigLoader.Load(home.HarvestConfig);
        if (!loaded.IsSuccess)
        {
            foreach (var problem in loaded.Errors)
                error.WriteLine(problem);
            return 2;
        }
        var config = loaded.Config! with { MaxPages = options.Pages ?? loaded.Config!.MaxPages };
        var settings = config.Collectors.FirstOrDefault(c => c.Kind == options.Source);
        if (settings is null)
        {
            error.WriteLine($"vanta harvest fetch: no '{options.Source}' section in {home.HarvestConfig}; known: {string.Join(", ", config.Collectors.Select(c => c.Kind))}");
            return 2;
        }

        var producer = new Producer("local", Role.Markets);
        using var journal = JournalSink.Open(home.Journal, new JournalOptions { Fsync = FsyncPolicy.Batch }, m => error.WriteLine($"warning: {m}"));
        using var http = options.Http is null ? PoliteHttp.CreateHttpClient() : null;
        using var limiters = new HostRateLimiters(options.Clock);
        var sink = new JournalDocumentSink(journal, options.Clock, producer);
        var factory = new CollectorFactory(options.Http ?? http!, options.Clock, sink, limiters, options.Environment);
        var result = await LiveHarvest.CollectAsync(config, factory, [settings], ct);

        var (observations, quarantined) = DocumentBatch.Parse([.. sink.Received.Select(r => r.Document)]);
        foreach (var observation in observations)
            journal.Append(ObservationCodec.Wrap(observation.Observation, options.Clock.GetUtcNow(), producer, sink.Received[observation.DocumentIndex].Envelope.EventId));
        foreach (var entry in quarantined)
            journal.Append(Envelope.Create(EventKinds.Quarantine, entry, entry.Ts, options.Clock.GetUtcNow(), producer));
        journal.Flush();

        foreach (var problem in result.Problems)
            error.WriteLine($"{problem.Collector}: {problem.Reason}");
        foreach (var entry in quarantined)
            error.WriteLine($"quarantined {entry.Location}: {entry.Reason}");
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]vanta harvest fetch[/]: {Markup.Escape(options.Source)}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("documents journaled", sink.Received.Count.ToString(CultureInfo.InvariantCulture));
        table.AddRow("observations", observations.Length.ToString(CultureInfo.InvariantCulture));
        table.AddRow("quarantined", quarantined.Length.ToString(CultureInfo.InvariantCulture));
        table.AddRow("failed fetches", result.Problems.Length.ToString(CultureInfo.InvariantCulture));
        table.AddRow("journal head", journal.Head.Hash);
        Consoles.For(output).Write(table);
        return result.Problems.IsEmpty && quarantined.IsEmpty ? 0 : 1;
    }
}
