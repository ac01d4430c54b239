using System.Collections.Frozen;
using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vanta.Cli.Embedded;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Stages;
using Vanta.Executor.Brokers.Paper;
using Vanta.Journal;
using Vanta.Markets.Harvest;
using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta replay --home DIR --verify</c>: reruns every derived stage from the journaled raw documents and config
/// versions on a replay clock into a scratch home, then compares the two journals record by record.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var verify = new Option<bool>("--verify") { Description = "Compare the replayed journal with the home's, record by record" };
        var scratch = new Option<string?>("--scratch") { Description = "Empty or new directory to replay into. Default: a temporary one" };
        var keep = new Option<bool>("--keep") { Description = "Keep the scratch home afterwards" };
        var command = new Command("replay", "Rerun a home's journaled raw documents and configs into a scratch home")
        {
            home, verify, scratch, keep,
        };
        command.SetAction((parse, ct) => ExecuteAsync(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(verify), parse.GetValue(scratch), parse.GetValue(keep),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(
        HomeLayout home, bool verify, string? scratchPath, bool keep, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (!Directory.Exists(home.Journal) || !Directory.EnumerateFiles(home.Journal, "*.jsonl").Any())
        {
            error.WriteLine($"vanta replay: {home.Root} has no journal ({home.Journal} is missing or empty): not a home a run has written to");
            return 2;
        }
        if (scratchPath is not null && Directory.Exists(scratchPath) && Directory.EnumerateFileSystemEntries(scratchPath).Any())
        {
            error.WriteLine($"vanta replay: --scratch {scratchPath} is not empty; a replay writes a fresh home");
            return 2;
        }
        var started = Stopwatch.GetTimestamp();
        // The comparison is only meaningful against an intact chain: it is checked on another core while the stages rerun.
        var verification = Task.Run(() => JournalVerifier.Verify(home.Journal, VerifyMode.ChainOnly), CancellationToken.None);
        try
        {
            return await ReplayAsync(home, verify, scratchPath, keep, verification, started, output, error, ct).ConfigureAwait(false);
        }
        finally
        {
            await verification.ConfigureAwait(false);
        }
    }

    private static async Task<int> ReplayAsync(HomeLayout home, bool verify, string? scratchPath, bool keep, Task<VerifyResult> verification,
        long started, TextWriter output, TextWriter error, CancellationToken ct)
    {
        JournaledRuns runs;
        try
        {
            runs = JournaledRuns.Read(home.Journal);
        }
        catch (InvalidDataException e)
        {
            return Damaged(home, await verification.ConfigureAwait(false), error) ?? throw new InvalidDataException(e.Message, e);
        }
        var read = Stopwatch.GetElapsedTime(started);
        if (runs.Error is { } problem)
        {
            error.WriteLine($"vanta replay: {home.Journal}: {problem}");
            return 2;
        }
        foreach (var (type, count) in runs.Foreign.GroupBy(r => r.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())))
            output.WriteLine($"skipped {count} {type} record(s) no run makes (another node, or a manual command): not compared");

        var scratch = HomeLayout.At(scratchPath ?? Directory.CreateTempSubdirectory("vanta-replay-").FullName);
        try
        {
            var replayed = await RerunAsync(runs, scratch, m => error.WriteLine($"warning: {m}"), ct).ConfigureAwait(false);
            if (replayed is not null)
            {
                error.WriteLine($"vanta replay: {replayed}");
                return 2;
            }
            var rerun = Stopwatch.GetElapsedTime(started) - read;
            if (Damaged(home, await verification.ConfigureAwait(false), error) is { } damaged)
                return damaged;
            var copy = JournalScan.Read(scratch.Journal, _ => false);
            var exit = verify ? JournalComparison.Report(runs.Records, home.Journal, copy, scratch.Journal, output) : 0;
            if (!verify)
                output.WriteLine($"replayed: {copy.Count} records, head {(copy.Count == 0 ? JournalHead.Genesis.Hash : copy[^1].Hash)}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"replay took {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s: journal read {read.TotalSeconds:F2} s, rerun {rerun.TotalSeconds:F2} s, compare {(Stopwatch.GetElapsedTime(started) - read - rerun).TotalSeconds:F2} s"));
            return exit;
        }
        finally
        {
            if (keep)
                output.WriteLine($"scratch home: {scratch.Root}");
            else if (Directory.Exists(scratch.Root))
                Directory.Delete(scratch.Root, recursive: true);
        }
    }

    private static int? Damaged(HomeLayout home, VerifyResult check, TextWriter error)
    {
        if (check.Ok)
            return null;
        error.WriteLine($"vanta replay: {home.Journal} fails verification at seq {check.FirstBadSeq}: {check.Problem}");
        return 1;
    }

    /// <summary>The paper costs a run journaled, if it did.</summary>
    private static (PaperBrokerOptions? Costs, string? Problem) PaperCostsOf(ImmutableArray<JournalEntry> run)
    {
        var document = run.Where(r => r.Type == EventKinds.Config.Name).Select(r => r.Envelope!.Read(EventKinds.Config))
            .LastOrDefault(d => d.Kind == PaperCosts.ConfigKind);
        return document is null ? (null, null) : PaperCosts.Read(document);
    }

    /// <summary>Replays each journaled run in turn into the one scratch home, as they were appended; the error, or null.</summary>
    private static async Task<string?> RerunAsync(JournaledRuns runs, HomeLayout scratch, Action<string> warn, CancellationToken ct)
    {
        scratch.EnsureCreated();
        HarvestConfigLoader.WriteDefaultIfMissing(scratch.HarvestConfig);
        var configs = new ConfigVersions(scratch);
        for (var i = 0; i < runs.Runs.Length; i++)
        {
            var run = runs.Runs[i];
            var documents = run.Where(r => r.Type == EventKinds.RawDocument.Name).Select(r => r.Envelope!.Read(EventKinds.RawDocument)).ToImmutableArray();
            if (documents.IsEmpty)
                return $"run {i + 1} (seq {run[0].Seq}-{run[^1].Seq}) journaled no raw documents of its own (an earlier run in this home had journaled them): which of them it read is not recorded";
            var start = run[0].TsInit;
            if (configs.Restore(run, start) is { } missing)
                warn($"run {i + 1}: {missing}");
            var input = RunInput.Journaled($"replay of run {i + 1}", documents, start) with { ClockAdvanced = configs.Advance };
            var (costs, costsProblem) = PaperCostsOf(run);
            if (costsProblem is not null)
                return $"run {i + 1}: {costsProblem}";
            if (costs is null)
                warn($"run {i + 1}: paper costs were not journaled (a run older than paper config events): the default costs are assumed");
            var request = new RunRequest(scratch, "", costs ?? RunRequest.DefaultCosts, runs.Node);
            var result = await EmbeddedRun.ExecuteAsync(request, input, null, warn, ct).ConfigureAwait(false);
            if (result.Error is { } runError)
                return $"run {i + 1}: {runError}";
        }
        return null;
    }
}

/// <summary>
/// The records of a home's journal, split into the runs that appended them (each ends with its heartbeats), and
/// the records no embedded run makes (another node's, or a manual command's), which a replay cannot reproduce.
/// </summary>
internal sealed record JournaledRuns(
    string Node, ImmutableArray<ImmutableArray<JournalEntry>> Runs, ImmutableArray<JournalEntry> Records, ImmutableArray<JournalEntry> Foreign, string? Error)
{
    /// <summary>The event kinds an embedded run journals.</summary>
    private static readonly FrozenSet<string> RunKinds = new IEventKind[]
    {
        EventKinds.Config, EventKinds.RawDocument, EventKinds.PriceBar, EventKinds.InsiderTransaction, EventKinds.SocialPost,
        EventKinds.NewsItem, EventKinds.FilingNotice, EventKinds.InstitutionalHolding, EventKinds.MacroObservation, EventKinds.PriceQuote,
        EventKinds.SwarmReport, EventKinds.Quarantine, EventKinds.Conviction, EventKinds.AllocationIntent, EventKinds.RiskCheck,
        EventKinds.Order, EventKinds.OrderEvent, EventKinds.Fill, EventKinds.Portfolio, EventKinds.TradingState, EventKinds.Heartbeat,
    }.Select(k => k.Name).ToFrozenSet(StringComparer.Ordinal);

    public static JournaledRuns Read(string journal)
    {
        // Only documents and configs are read whole: the rest is compared by its header and chain hash.
        var all = JournalScan.Read(journal, type => type == EventKinds.RawDocument.Name || type == EventKinds.Config.Name);
        // The node a run's roles journal under: the producer of the first raw document.
        var node = all.FirstOrDefault(r => r.Type == EventKinds.RawDocument.Name)?.Producer.Node;
        if (node is null)
            return new JournaledRuns("", [], [], [], "no raw_document record: no run was journaled here, nothing to replay");

        var records = ImmutableArray.CreateBuilder<JournalEntry>();
        var foreign = ImmutableArray.CreateBuilder<JournalEntry>();
        foreach (var record in all)
            (RunKinds.Contains(record.Type) && record.Producer.Node == node ? records : foreign).Add(record);

        var runs = ImmutableArray.CreateBuilder<ImmutableArray<JournalEntry>>();
        var current = ImmutableArray.CreateBuilder<JournalEntry>();
        for (var i = 0; i < records.Count; i++)
        {
            current.Add(records[i]);
            var endsRun = records[i].Type == EventKinds.Heartbeat.Name
                && (i + 1 == records.Count || records[i + 1].Type != EventKinds.Heartbeat.Name);
            if (endsRun || i + 1 == records.Count)
                runs.Add(current.DrainToImmutable());
        }
        return new JournaledRuns(node, runs.ToImmutable(), records.ToImmutable(), foreign.ToImmutable(), null);
    }
}

/// <summary>
/// Writes the journaled config versions into the scratch home's <c>memory/</c>: those in force when a run started
/// before it starts, and the ones Alpha reloaded during it when the replay's clock reaches their effective time,
/// together with the file contents Alpha saw and did not apply (refused edits, removals, reverts), so the replay's
/// Alpha refuses the same edits with the same quarantine records.
/// </summary>
internal sealed class ConfigVersions(HomeLayout scratch)
{
    private readonly Dictionary<string, ConfigDocument> _active = new(StringComparer.Ordinal);
    private readonly Queue<ConfigDocument> _later = new();

    /// <summary>Restores the versions a run started with; says which file it had to assume, or null.</summary>
    public string? Restore(ImmutableArray<JournalEntry> run, DateTimeOffset start)
    {
        _later.Clear();
        foreach (var record in run.Where(r => r.Type == EventKinds.Config.Name))
        {
            var document = record.Envelope!.Read(EventKinds.Config);
            if (PathOf(document.Kind) is null)
                continue;
            if (document.EffectiveAt > start)
                _later.Enqueue(document);
            else if (document.Kind == Applied(document.Kind))
                _active[document.Kind] = document; // a run starts on valid files: earlier sightings are history.
        }
        // A version already journaled by an earlier run is not journaled again: it stays in force.
        foreach (var document in _active.Values)
            File.WriteAllText(PathOf(document.Kind)!, document.Content);
        if (!_active.ContainsKey(VaultOverlayLoader.DocumentKind))
            File.Delete(scratch.VaultOverlay);
        return _active.ContainsKey(EmbeddedRun.ModelsConfigKind)
            ? null
            : "models.json was not journaled (a run older than models config events): the default models.json is assumed";
    }

    /// <summary>Writes every version due by <paramref name="now"/>, before Alpha's day tick rereads the files.</summary>
    public void Advance(DateTimeOffset now)
    {
        while (_later.TryPeek(out var next) && next.EffectiveAt <= now)
        {
            _later.Dequeue();
            if (next.Kind == ConfigSighting.RemovedKind(Applied(next.Kind)))
                File.Delete(PathOf(next.Kind)!);
            else
                File.WriteAllText(PathOf(next.Kind)!, next.Content);
        }
    }

    // The file kind a document is about: "vault_unapplied" and "vault_removed" are about vault.json.
    private static string Applied(string kind)
    {
        foreach (var file in (ReadOnlySpan<string>)[VaultConfigLoader.DocumentKind, VaultOverlayLoader.DocumentKind])
        {
            if (kind == ConfigSighting.UnappliedKind(file) || kind == ConfigSighting.RemovedKind(file))
                return file;
        }
        return kind;
    }

    private string? PathOf(string kind) => Applied(kind) switch
    {
        VaultConfigLoader.DocumentKind => scratch.VaultConfig,
        VaultOverlayLoader.DocumentKind => scratch.VaultOverlay,
        EmbeddedRun.ModelsConfigKind => scratch.ModelsConfig,
        _ => null,
    };
}

/// <summary>Compares a home's run records with a replay's journal: event ids, types, ts_init, producers and chain hashes.</summary>
internal static class JournalComparison
{
    private const int PayloadShown = 240;

    /// <summary>Prints the outcome; 0 when identical, 1 at the first divergence (both records shown whole from their journals).</summary>
    public static int Report(ImmutableArray<JournalEntry> original, string originalJournal, List<JournalEntry> replay, string replayJournal, TextWriter output)
    {
        // Once a record no run makes was skipped the seq and chain hashes shift: the envelopes are still compared.
        var chained = true;
        for (var i = 0; i < Math.Max(original.Length, replay.Count); i++)
        {
            var left = i < original.Length ? original[i] : null;
            var right = i < replay.Count ? replay[i] : null;
            chained &= left is null || left.Seq == i + 1;
            if (left is not null && right is not null && Same(left, right, chained))
                continue;
            output.WriteLine($"first divergence at seq {left?.Seq ?? right!.Seq}:");
            output.WriteLine("  original: " + Describe(originalJournal, left?.Seq, "(none: the home's runs end here)"));
            output.WriteLine("  replay:   " + Describe(replayJournal, right?.Seq, "(none: the replay ends here)"));
            return 1;
        }
        var head = replay.Count == 0 ? JournalHead.Genesis.Hash : replay[^1].Hash;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"identical: {replay.Count} records, head {head}"));
        return 0;
    }

    private static bool Same(JournalEntry a, JournalEntry b, bool chained) =>
        a.EventId == b.EventId && a.Type == b.Type && a.TsInit == b.TsInit && a.Producer == b.Producer
        && (!chained || (a.Seq == b.Seq && a.Hash == b.Hash));

    private static string Describe(string journal, long? seq, string none)
    {
        if (seq is null)
            return none;
        var record = JournalReader.ReadAll(journal).First(r => r.Seq == seq);
        var e = record.Envelope;
        var payload = Encoding.UTF8.GetString(e.Payload.Span);
        if (payload.Length > PayloadShown)
            payload = string.Concat(payload.AsSpan(0, PayloadShown), "…");
        return string.Create(CultureInfo.InvariantCulture,
            $"seq {record.Seq} {e.Type} {e.EventId} ts_init {e.TsInit:O} hash {record.Hash}{Environment.NewLine}            payload {payload}");
    }
}

/// <summary>One journal line as a replay compares it: chain fields and envelope header; the whole envelope only when asked for.</summary>
internal sealed record JournalEntry(long Seq, string Hash, string EventId, string Type, DateTimeOffset TsInit, Producer Producer, Envelope? Envelope);

/// <summary>
/// Reads a journal's lines without deserializing payloads (a replay reads two whole journals, so this is most of its
/// overhead over the run itself). It reads, it does not verify: <see cref="JournalVerifier"/> has checked the chain.
/// </summary>
internal static class JournalScan
{
    private static readonly EnvelopeJsonConverter Converter = new();

    public static List<JournalEntry> Read(string journal, Func<string, bool> whole)
    {
        var entries = new List<JournalEntry>();
        foreach (var line in JournalReader.ReadLines(journal))
            entries.Add(Parse(line.Line.Span, whole, line.SegmentName));
        return entries;
    }

    private static JournalEntry Parse(ReadOnlySpan<byte> line, Func<string, bool> whole, string segment)
    {
        var reader = new Utf8JsonReader(line);
        long seq = 0;
        string? hash = null, id = null, type = null, node = null, role = null;
        DateTimeOffset tsInit = default;
        var envelopeStart = -1;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "seq": seq = reader.GetInt64(); break;
                case "hash": hash = reader.GetString(); break;
                case "envelope": envelopeStart = (int)reader.TokenStartIndex; break;
                case "event_id": id = reader.GetString(); break;
                case "type": type = reader.GetString(); break;
                case "ts_init": tsInit = reader.GetDateTimeOffset(); break;
                case "node": node = reader.GetString(); break;
                case "role": role = reader.GetString(); break;
                case "producer": break;
                default: reader.Skip(); break;
            }
            // The header comes before parents and payload: stop there.
            if (node is not null && role is not null)
                break;
        }
        if (hash is null || id is null || type is null || node is null || role is null || envelopeStart < 0)
            throw new InvalidDataException($"{segment} seq {seq}: not a journal record with an envelope header");
        Envelope? envelope = null;
        if (whole(type))
        {
            var json = new Utf8JsonReader(line[envelopeStart..^1]);
            json.Read();
            envelope = Converter.Read(ref json, typeof(Envelope), JsonSerializerOptions.Default);
        }
        var producer = new Producer(node, Enum.Parse<Role>(role, ignoreCase: true));
        return new JournalEntry(seq, hash, id, type, tsInit, producer, envelope);
    }
}
