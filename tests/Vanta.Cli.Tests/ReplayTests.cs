using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vanta.Cli.Embedded;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Paper;
using Vanta.Journal;
using Vanta.Markets.Tape;
using Vanta.Vaults.Config;

namespace Vanta.Cli.Tests;

/// <summary>`vanta replay --verify`: the journaled raw documents and configs rerun into the same journal, and a difference is found.</summary>
public sealed partial class ReplayTests(SampleRunFixture sample) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public async Task Replay_of_the_sample_run_is_identical()
    {
        var replay = await VantaRunner.InvokeAsync("replay", "--home", sample.Home, "--verify");

        Assert.True(replay.ExitCode == 0, replay.Error + replay.Output);
        Assert.Contains($"identical: {sample.Summary.JournalRecords} records, head {sample.Summary.JournalHead}", replay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vault_json_edits_mid_run_refused_reverted_removed_and_applied_replay_identically()
    {
        var home = RepoPaths.NewTempDirectory("replay-reload");
        try
        {
            var layout = HomeLayout.At(home);
            layout.EnsureCreated();
            VaultConfigLoader.WriteDefaultIfMissing(layout.VaultConfig);
            var original = File.ReadAllText(layout.VaultConfig);
            var edited = original.Replace("100000", "90000", StringComparison.Ordinal);
            var broken = original.Replace("100000", "-5", StringComparison.Ordinal);
            // The run picks each edit up at the next day on its clock: a refused edit, a revert to the active
            // version, the same refused edit again, a removal, and finally a valid new version.
            void Progress(int done, int total)
            {
                switch (done)
                {
                    case 1025 or 3073:
                        File.WriteAllText(layout.VaultConfig, broken);
                        break;
                    case 2049:
                        File.WriteAllText(layout.VaultConfig, original);
                        break;
                    case 3585:
                        File.Delete(layout.VaultConfig);
                        break;
                    case 4097:
                        File.WriteAllText(layout.VaultConfig, edited);
                        break;
                }
            }
            var run = await EmbeddedRun.ExecuteAsync(new RunRequest(layout, RepoPaths.SampleTape, RunRequest.DefaultCosts), Progress, _ => { });
            Assert.True(run.Summary is not null, run.Error);
            var records = JournalReader.ReadAll(layout.Journal).Select(r => r.Envelope).ToList();
            var configs = records.Where(e => e.Is(EventKinds.Config)).Select(e => (e.EventId, Document: e.Read(EventKinds.Config))).ToList();
            Assert.Equal(2, configs.Count(c => c.Document.Kind == VaultConfigLoader.DocumentKind));
            // What Alpha saw and did not apply is journaled: the broken file twice, the revert, the removal.
            var unapplied = configs.Where(c => c.Document.Kind == ConfigSighting.UnappliedKind(VaultConfigLoader.DocumentKind)).ToList();
            Assert.Equal([broken, original, broken], unapplied.Select(c => c.Document.Content));
            Assert.Single(configs, c => c.Document.Kind == ConfigSighting.RemovedKind(VaultConfigLoader.DocumentKind));
            // Each refusal points at the content it refused.
            var refusals = records.Where(e => e.Is(EventKinds.Quarantine) && e.Read(EventKinds.Quarantine).Source == "alpha.config").ToList();
            Assert.Equal(3, refusals.Count);
            var brokenIds = unapplied.Where(c => c.Document.Content == broken).Select(c => c.EventId).ToHashSet();
            Assert.Equal(2, refusals.Count(r => r.Parents.Length == 1 && brokenIds.Contains(r.Parents[0])));

            var replay = await VantaRunner.InvokeAsync("replay", "--home", home, "--verify");

            Assert.True(replay.ExitCode == 0, replay.Error + replay.Output);
            Assert.Contains($"identical: {run.Summary!.JournalRecords} records, head {run.Summary.JournalHead}", replay.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Records_another_node_appended_are_reported_and_left_out_of_the_comparison()
    {
        var home = RepoPaths.NewTempDirectory("replay-foreign");
        try
        {
            var journal = HomeLayout.At(home).Journal;
            RepoPaths.CopyDirectory(sample.Layout.Journal, journal);
            var at = DateTimeOffset.Parse("2020-01-02T00:00:00Z", CultureInfo.InvariantCulture);
            var desk = new Producer("desk", Role.Executor);
            using (var writer = JournalWriter.Open(journal, new JournalOptions(), _ => { }))
                writer.Append(Envelope.Create(EventKinds.Heartbeat, new Core.Domain.Heartbeat("desk", "executor", "v", 1, at), at, at, desk));

            var replay = await VantaRunner.InvokeAsync("replay", "--home", home, "--verify");

            Assert.True(replay.ExitCode == 0, replay.Error + replay.Output);
            Assert.Contains("skipped 1 heartbeat record(s) no run makes", replay.Output, StringComparison.Ordinal);
            Assert.Contains($"identical: {sample.Summary.JournalRecords} records, head {sample.Summary.JournalHead}", replay.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void The_journaled_documents_parse_into_the_observations_the_tape_gave()
    {
        var tape = new TapeReader().Read(TapeManifest.Load(RepoPaths.SampleTape).Manifest!);
        var (observations, quarantined) = TapeDocuments.Parse(tape.Documents);

        // Observation records hold arrays (compared by reference): compare their content-derived envelope ids.
        Assert.Equal(tape.Observations.Select(Identity), observations.Select(Identity));
        Assert.Equal(tape.Quarantined.ToArray(), quarantined.ToArray());
        Assert.Contains(tape.Documents, d => d.Source == Markets.Collectors.Lean.LeanFactorFile.Source);
    }

    [Fact]
    public async Task A_conviction_edited_with_the_chain_rehashed_is_the_first_divergence()
    {
        var home = RepoPaths.NewTempDirectory("replay-tamper");
        try
        {
            RepoPaths.CopyDirectory(sample.Layout.Journal, HomeLayout.At(home).Journal);
            var segment = Directory.GetFiles(HomeLayout.At(home).Journal, "*.jsonl").Single();
            var lines = File.ReadAllLines(segment);
            var target = Array.FindIndex(lines, l => l.Contains("\"type\":\"conviction\"", StringComparison.Ordinal) && ScoreField().IsMatch(l));
            Assert.True(target > 0);
            lines[target] = ScoreField().Replace(lines[target], "\"conviction_score\":0.123", 1);
            Rechain(lines, target);
            File.WriteAllText(segment, string.Join('\n', lines) + "\n");
            Assert.True(JournalVerifier.Verify(HomeLayout.At(home).Journal, VerifyMode.ChainOnly).Ok);

            var replay = await VantaRunner.InvokeAsync("replay", "--home", home, "--verify");

            Assert.Equal(1, replay.ExitCode);
            Assert.Contains($"first divergence at seq {target + 1}:", replay.Output, StringComparison.Ordinal);
            Assert.Contains("\"conviction_score\":0.123", replay.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_with_other_paper_costs_replays_identical_because_its_costs_are_journaled()
    {
        var home = RepoPaths.NewTempDirectory("replay-costs");
        try
        {
            var costs = new PaperBrokerOptions(SlippageBps: 25m, VolumeParticipation: 0.05m, FeeModel: PaperCosts.FeeModels["ibkr"]);
            var run = await EmbeddedRun.ExecuteAsync(new RunRequest(HomeLayout.At(home), RepoPaths.SampleTape, costs), null, _ => { });
            Assert.True(run.Summary is not null, run.Error);
            // The two tape runs part somewhere (other fills): the costs are what makes this one replayable.
            var theirs = JournalReader.ReadAll(HomeLayout.At(home).Journal).Select(r => r.Hash).ToList();
            var ours = JournalReader.ReadAll(sample.Layout.Journal).Select(r => r.Hash).ToList();
            Assert.NotEqual(ours[^1], theirs[^1]);

            var replay = await VantaRunner.InvokeAsync("replay", "--home", home, "--verify");

            Assert.True(replay.ExitCode == 0, replay.Output + replay.Error);
            Assert.Contains("identical:", replay.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_journal_edited_without_rehashing_is_refused_at_the_broken_seq()
    {
        var home = RepoPaths.NewTempDirectory("replay-broken");
        try
        {
            RepoPaths.CopyDirectory(sample.Layout.Journal, HomeLayout.At(home).Journal);
            var segment = Directory.GetFiles(HomeLayout.At(home).Journal, "*.jsonl").Single();
            var lines = File.ReadAllLines(segment);
            var target = Array.FindIndex(lines, l => l.Contains("\"type\":\"conviction\"", StringComparison.Ordinal) && ScoreField().IsMatch(l));
            lines[target] = ScoreField().Replace(lines[target], "\"conviction_score\":0.123", 1);
            File.WriteAllText(segment, string.Join('\n', lines) + "\n");

            var replay = await VantaRunner.InvokeAsync("replay", "--home", home, "--verify");

            Assert.Equal(1, replay.ExitCode);
            Assert.Contains($"fails verification at seq {target + 1}", replay.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("identical", replay.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_home_without_a_journal_is_refused_naming_it()
    {
        var home = RepoPaths.NewTempDirectory("replay-empty");
        try
        {
            var replay = await VantaRunner.InvokeAsync("replay", "--home", home, "--verify");

            Assert.Equal(2, replay.ExitCode);
            Assert.Contains("has no journal", replay.Error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(home, "logs", "journal"), replay.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_scratch_directory_with_files_in_it_is_refused()
    {
        var scratch = RepoPaths.NewTempDirectory("replay-scratch");
        try
        {
            File.WriteAllText(Path.Combine(scratch, "keep.txt"), "mine");
            var replay = await VantaRunner.InvokeAsync("replay", "--home", sample.Home, "--verify", "--scratch", scratch);

            Assert.Equal(2, replay.ExitCode);
            Assert.Contains("not empty", replay.Error, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(scratch, "keep.txt")));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static (int, int, string) Identity(TapeObservation o) =>
        (o.DocumentIndex, o.Position, ObservationCodec.Wrap(o.Observation, default, new Producer("t", Role.Markets), new EventId("p")).EventId.Value);

    /// <summary>Recomputes prev and hash from <paramref name="from"/> on, as someone covering an edit would.</summary>
    private static void Rechain(string[] lines, int from)
    {
        var prev = Field(lines[from], "prev");
        for (var i = from; i < lines.Length; i++)
        {
            var line = lines[i];
            var at = line.IndexOf("\"envelope\":", StringComparison.Ordinal) + "\"envelope\":".Length;
            var envelope = line[at..^1];
            var seq = long.Parse(Field(line, "seq"), CultureInfo.InvariantCulture);
            var hash = JournalHash.Compute(seq, prev, Encoding.UTF8.GetBytes(envelope));
            lines[i] = string.Create(CultureInfo.InvariantCulture, $"{{\"seq\":{seq},\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"envelope\":{envelope}}}");
            prev = hash;
        }
    }

    private static string Field(string line, string name)
    {
        var match = Regex.Match(line, $"\"{name}\":\"?([0-9a-f]+)");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("\"conviction_score\":-?[0-9.]+(?:E-?[0-9]+)?")]
    private static partial Regex ScoreField();
}
