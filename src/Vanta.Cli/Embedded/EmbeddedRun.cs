using System.Collections.Immutable;
using Vanta.Bus;
using Vanta.Bus.InProcess;
using Vanta.Cli.Embedded.Roles;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Serialization;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Orders;
using Vanta.Journal;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Features;
using Vanta.Markets.Harvest;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Tape;
using Vanta.Vaults.Compounding;
using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;

namespace Vanta.Cli.Embedded;

/// <summary>
/// The embedded composition root: Markets, Alpha and Executor in one process over the in-process bus,
/// replaying a tape on a <see cref="ReplayClock"/>. One thread drives every stage in a fixed order,
/// so the same tape always produces the same journal.
/// </summary>
public static class EmbeddedRun
{
    /// <summary>The kind of the <c>config</c> event that journals the <c>models.json</c> a run starts with.</summary>
    public const string ModelsConfigKind = "models";

    public static Task<RunResult> ExecuteAsync(
        RunRequest request, Action<int, int>? progress, Action<string> warn, CancellationToken ct = default) =>
        ExecuteAsync(request, null, progress, warn, ct);

    /// <param name="replay">What to run instead of what harvest.json says (a replay of a journal); null reads the tape or harvests.</param>
    public static async Task<RunResult> ExecuteAsync(
        RunRequest request, RunInput? replay, Action<int, int>? progress, Action<string> warn, CancellationToken ct = default)
    {
        var home = request.Home;
        home.EnsureCreated();
        if (VaultConfigLoader.WriteDefaultIfMissing(home.VaultConfig))
            warn($"wrote a default {home.VaultConfig}");
        if (HarvestConfigLoader.WriteDefaultIfMissing(home.HarvestConfig))
            warn($"wrote a default {home.HarvestConfig} (mode replay: the recorded tape, offline)");
        if (ModelsConfigLoader.WriteDefaultIfMissing(home.ModelsConfig))
            warn($"wrote a default {home.ModelsConfig}");
        var modelsConfig = ModelsConfigLoader.Load(home.ModelsConfig);
        if (!modelsConfig.IsSuccess)
            return RunResult.Failure(string.Join(Environment.NewLine, modelsConfig.Errors));
        var harvest = HarvestConfigLoader.Load(home.HarvestConfig);
        if (!harvest.IsSuccess)
            return RunResult.Failure(string.Join(Environment.NewLine, harvest.Errors));

        var input = replay ?? (harvest.Config!.Mode == HarvestMode.Live ? await RunInput.LiveAsync(request, harvest.Config, warn, ct).ConfigureAwait(false) : null);
        if (input is { Error: { } liveError })
            return RunResult.Failure(liveError);
        if (input is null)
        {
            var manifest = TapeManifest.Load(request.TapeDirectory);
            if (!manifest.IsValid)
                return RunResult.Failure($"tape: {manifest.Error}");
            input = RunInput.Tape(manifest.Manifest);
        }

        var clock = input.Clock;
        var vaults = VaultConfigLoader.Load(home.VaultConfig, clock.GetUtcNow());
        if (!vaults.IsSuccess)
            return RunResult.Failure(string.Join(Environment.NewLine, vaults.Errors.Select(e => e.Message)));

        // The overlay (maintenance, flips, kill switch) is optional; a broken one stops the run rather than trading without it.
        VaultOverlayResult? overlay = null;
        if (File.Exists(home.VaultOverlay))
        {
            overlay = VaultOverlayLoader.Load(home.VaultOverlay, clock.GetUtcNow());
            if (!overlay.IsSuccess)
                return RunResult.Failure(string.Join(Environment.NewLine, overlay.Errors.Select(e => e.Message)));
        }

        JournalSink opened;
        try
        {
            opened = JournalSink.Open(home.Journal, new JournalOptions { Fsync = FsyncPolicy.Batch }, warn);
        }
        catch (JournalInUseException ex)
        {
            return RunResult.Failure(ex.Message);
        }
        using var journal = opened;
        await using var bus = new InProcessBus(clock, new BusOptions { Capacity = 1 << 20 });
        using var tradeLog = JsonlAppender.Open(home.TradeLog, warn);
        using var quarantineLog = JsonlAppender.Open(home.QuarantineLog, warn);
        var outbox = new Outbox(journal, bus);

        // The whole tape is known before the run: every direction fit it will need starts now on the other cores.
        var prefits = ModelLayer.PrefitsFor(modelsConfig.Config!);
        var layer = ModelLayer.Create(modelsConfig.Config!, TextModel(modelsConfig.Config!, home), prefits);
        if (request.WriteLake)
            layer.RecordVectors();
        var markets = new MarketsRole(request.Node, bus, outbox, clock, layer, PreEnricher.CreateDefault());
        // From here on a changed config that does not validate is quarantined and the previous version stays active.
        var alpha = new AlphaRole(request.Node, bus, outbox, clock, new VaultConfigWatch(home.VaultConfig, home.VaultOverlay, vaults, overlay), quarantineLog);
        var executor = new ExecutorRole(request.Node, bus, outbox, clock, vaults.Config!,
            new PaperBroker(request.PaperBroker.Validated()), new OrderPlanner(), tradeLog);

        await alpha.PublishActiveConfigAsync(ct).ConfigureAwait(false);
        // The models a run reflects with are part of what a replay must restore.
        await alpha.PublishConfigAsync(ConfigDocument.Of(ModelsConfigKind, await File.ReadAllTextAsync(home.ModelsConfig, ct).ConfigureAwait(false),
            clock.GetUtcNow()), ct).ConfigureAwait(false);
        await alpha.PublishConfigAsync(PaperCosts.Of(request.PaperBroker).ToDocument(clock.GetUtcNow()), ct).ConfigureAwait(false);

        // Raw documents are journaled before anything is parsed from them: a replay starts from the same bytes.
        var documents = ImmutableArray.CreateBuilder<Envelope>(input.Documents.Length);
        foreach (var document in input.Documents)
            documents.Add(await markets.PublishDocumentAsync(document, ct).ConfigureAwait(false));
        var (observations, quarantined) = input.Parse();
        RecordQuarantine(input.Documents, quarantined, documents.ToImmutable(), markets, quarantineLog);
        prefits?.Start([.. observations.Select(o => o.Observation)]);

        var total = observations.Length;
        for (var i = 0; i < total; i++)
        {
            var observation = observations[i];
            if (observation.Observation.TsEvent > clock.GetUtcNow())
            {
                // The instant is over: Alpha allocates once over everything it brought, at its time.
                await alpha.EndInstantAsync(ct).ConfigureAwait(false);
                await DrainAsync(markets, alpha, executor, ct).ConfigureAwait(false);
            }
            (clock as ReplayClock)?.AdvanceTo(observation.Observation.TsEvent);
            input.ClockAdvanced?.Invoke(clock.GetUtcNow());
            await alpha.TickAsync(ct).ConfigureAwait(false);
            await markets.PublishObservationAsync(observation.Observation, documents[observation.DocumentIndex], ct).ConfigureAwait(false);
            await DrainAsync(markets, alpha, executor, ct).ConfigureAwait(false);
            if ((i & 255) == 0 || i == total - 1)
                progress?.Invoke(i + 1, total);
        }

        await alpha.EndInstantAsync(ct).ConfigureAwait(false);
        await DrainAsync(markets, alpha, executor, ct).ConfigureAwait(false);
        RecordHeartbeats(outbox, clock, alpha.VaultVersion, markets.Producer, alpha.Producer, executor.Producer);
        journal.Flush();

        WriteSnapshots(home, clock.GetUtcNow(), markets, alpha, executor, Commands.PnlCommand.FamiliesOf(layer.Models));
        BeliefSnapshots.Write(new AtomicSnapshotStore(home.Memory), clock.GetUtcNow(), layer);
        if (request.WriteLake)
            await new ParquetFeatureLake(home.Lake).WriteAsync(layer.RecordedVectors).ConfigureAwait(false);
        return RunResult.Success(Summarise(input.Name, input.Documents.Length, observations.Length, quarantined.Length, markets, alpha, executor, journal));
    }

    /// <summary>Runs every role until no message is left anywhere: one tape event's full consequences.</summary>
    private static async ValueTask DrainAsync(MarketsRole markets, AlphaRole alpha, ExecutorRole executor, CancellationToken ct)
    {
        int handled;
        do
        {
            handled = await markets.PumpAsync(ct).ConfigureAwait(false);
            handled += await alpha.PumpAsync(ct).ConfigureAwait(false);
            handled += await executor.PumpAsync(ct).ConfigureAwait(false);
        }
        while (handled > 0);
    }

    // The finance classifier is trained on the first run that asks for it (seeded: the same model every time) and
    // loaded from the home's models/ after that; the fine-tuned encoder ships with its adapter.
    internal static ITextSentimentModel TextModel(ModelsConfig config, HomeLayout home) => config.TextModel switch
    {
        FinanceSentimentModel.ModelId => FinanceSentimentCache.LoadOrTrain(home.Models),
        MiniLmSentimentModel.ModelId => MiniLmSentimentModel.LoadShipped(),
        SentimentEnsemble.ModelId => new SentimentEnsemble(FinanceSentimentCache.LoadOrTrain(home.Models), MiniLmSentimentModel.LoadShipped()),
        _ => new VaderSentiment(),
    };

    /// <summary>Journals what the parsers set aside, linked to its raw document when it has one.</summary>
    private static void RecordQuarantine(
        ImmutableArray<RawDocument> raw, ImmutableArray<QuarantineEntry> quarantined, ImmutableArray<Envelope> documents, MarketsRole markets, JsonlAppender log)
    {
        foreach (var entry in quarantined)
        {
            var index = entry.DocumentSha256 is null ? -1 : IndexOfDocument(raw, entry.DocumentSha256);
            if (markets.RecordQuarantine(entry, index >= 0 ? documents[index] : null))
                log.Append(entry, VantaJsonContext.Default.QuarantineEntry);
        }
    }

    private static int IndexOfDocument(ImmutableArray<RawDocument> documents, string sha256)
    {
        for (var i = 0; i < documents.Length; i++)
        {
            if (documents[i].Sha256 == sha256)
                return i;
        }
        return -1;
    }

    private static void RecordHeartbeats(Outbox outbox, TimeProvider clock, string configVersion, params Producer[] producers)
    {
        var now = clock.GetUtcNow();
        foreach (var producer in producers)
        {
            var role = producer.Role.ToString().ToLowerInvariant();
            outbox.Record(Envelope.Create(EventKinds.Heartbeat, new Heartbeat(producer.Node, role, configVersion, 1, now), now, now, producer));
        }
    }

    private static void WriteSnapshots(HomeLayout home, DateTimeOffset now, MarketsRole markets, AlphaRole alpha, ExecutorRole executor, Executor.Attribution.ModelFamilies families)
    {
        var store = new AtomicSnapshotStore(home.Memory);
        var json = VantaJsonContext.Indented;
        store.Write("trade_signals.json", [.. markets.LatestConvictions.Where(c => c.IsLiveAt(now))], json.ImmutableArrayConvictionVector);
        store.Write("autotrade_queue.json", alpha.Queue(now), json.ImmutableArrayAllocationIntent);
        store.Write(CapitalStatement.FileName, alpha.Capital(now), VaultsJsonContext.Indented.CapitalStatement);
        store.Write("open_orders.json", executor.OpenOrders, Executor.Orders.ExecutorJsonContext.Indented.ImmutableArrayOpenOrder);
        var summary = new PnlSummary(
            [.. executor.Ledgers.Select(l => l.Snapshot(now))],
            [.. executor.Ledgers.SelectMany(l => l.Positions())])
        {
            // Read back from the journal just flushed: the attribution covers what the journal holds.
            Attribution = Commands.PnlCommand.Attribute(home, families),
        };
        store.Write("pnl_summary.json", summary, CliJsonContext.Default.PnlSummary);
    }

    private static RunSummary Summarise(
        string name, int documents, int observations, int quarantined, MarketsRole markets, AlphaRole alpha, ExecutorRole executor, JournalSink journal)
    {
        var ledgers = executor.Ledgers.ToList();
        return new RunSummary(
            name,
            documents,
            observations,
            quarantined,
            markets.Duplicates,
            markets.Late,
            markets.Swarms,
            markets.Convictions,
            alpha.Intents,
            executor.Orders,
            executor.Fills,
            ledgers.Sum(l => l.Capital),
            ledgers.Sum(l => l.Equity),
            ledgers.Sum(l => l.RealizedPnl),
            ledgers.Sum(l => l.UnrealizedPnl),
            ledgers.Sum(l => l.FeesPaid),
            journal.Head.Seq,
            journal.Appended,
            journal.Head.Hash)
        {
            RiskDenials = executor.RiskDenials,
        };
    }
}
