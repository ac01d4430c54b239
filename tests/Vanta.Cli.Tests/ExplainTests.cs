using System.Text.Json;
using Vanta.Core.Envelopes;
using Vanta.Journal;
using Vanta.Journal.Lineage;

namespace Vanta.Cli.Tests;

public sealed class ExplainTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public void Every_fill_of_the_sample_run_traces_back_through_order_risk_check_intent_and_conviction_to_a_raw_document()
    {
        using var index = LineageIndex.Open(run.Layout.Database, run.Layout.Journal);
        index.Update();

        var fills = index.OfType("fill");
        Assert.Equal(run.Summary.Fills, fills.Count);
        foreach (var fill in fills)
        {
            var types = index.Ancestors(fill).Select(a => a.Type).ToHashSet(StringComparer.Ordinal);
            foreach (var type in new[] { "order_event", "order", "risk_check", "allocation_intent", "conviction", "raw_document" })
                Assert.True(types.Contains(type), $"fill {fill.EventId} (seq {fill.Seq}) has no {type} among its ancestors: {string.Join(", ", types)}");
        }
        // And the explanation itself, on a sample of them, reaches the raw document with its provenance.
        foreach (var fill in fills.Where((_, i) => i % 250 == 0))
        {
            var tree = LineageExplainer.Explain(index, fill.EventId.Value, new ExplainOptions { MaxChildren = 0 })!;
            var document = Flatten(tree.Root).First(n => n.Type == "raw_document" && !n.Repeat);
            Assert.Equal(["source", "uri", "content_type", "fetched_at", "sha256"], document.Fields.Select(f => f.Name));
        }
    }

    [Fact]
    public async Task Explain_by_client_order_id_prints_the_order_its_path_and_its_fill()
    {
        var fill = FirstFill();
        var clientOrderId = fill.Payload("client_order_id");

        var result = await VantaRunner.InvokeAsync("explain", clientOrderId, "--home", run.Home);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var lines = result.Output.Split('\n');
        Assert.Equal($"explain {clientOrderId} (client_order_id)", lines[0]);
        Assert.StartsWith("order ", lines[1]);
        Assert.Contains($"client_order_id={clientOrderId}", lines[1]);
        var ancestors = Section(lines, "ancestors");
        Assert.Contains(ancestors, l => l.Contains("risk_check ", StringComparison.Ordinal) && l.Contains("approved=true", StringComparison.Ordinal));
        Assert.Contains(ancestors, l => l.Contains("allocation_intent ", StringComparison.Ordinal) && l.Contains("vault_id=core", StringComparison.Ordinal));
        Assert.Contains(ancestors, l => l.Contains("uses config ", StringComparison.Ordinal) && l.Contains("kind=vault", StringComparison.Ordinal));
        Assert.Contains(ancestors, l => l.Contains("conviction ", StringComparison.Ordinal) && l.Contains("reason_vector=", StringComparison.Ordinal));
        Assert.Contains(ancestors, l => l.Contains("raw_document ", StringComparison.Ordinal) && l.Contains("sha256=", StringComparison.Ordinal));
        Assert.Contains(Section(lines, "descendants"), l => l.Contains($"fill_id={fill.Payload("fill_id")}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_intent_made_under_an_overlay_shows_both_config_versions()
    {
        var home = RepoPaths.NewTempDirectory("explain-overlay");
        try
        {
            Assert.Equal(0, (await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "maintenance=false")).ExitCode);
            await VantaRunner.RunAsync(home);
            var intent = JournalReader.ReadAll(Path.Combine(home, "logs", "journal")).Select(r => r.Envelope)
                .First(e => e.Is(EventKinds.AllocationIntent)).Read(EventKinds.AllocationIntent);
            Assert.Contains('+', intent.ConfigVersion);

            var result = await VantaRunner.InvokeAsync("explain", intent.IntentId.Value, "--home", home);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains(result.Output.Split('\n'), l => l.Contains("uses config ", StringComparison.Ordinal) && l.Contains("kind=vault ", StringComparison.Ordinal));
            Assert.Contains(result.Output.Split('\n'), l => l.Contains("uses config ", StringComparison.Ordinal) && l.Contains("kind=vault_overlay", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Json_output_parses_into_the_tree_down_to_the_raw_document()
    {
        var fill = FirstFill();

        var result = await VantaRunner.InvokeAsync("explain", fill.Envelope.EventId.Value, "--home", run.Home, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("event_id", json.RootElement.GetProperty("matched_by").GetString());
        var root = json.RootElement.GetProperty("root");
        Assert.Equal("fill", root.GetProperty("type").GetString());
        Assert.Equal(fill.Seq, root.GetProperty("seq").GetInt64());
        Assert.Equal(fill.Payload("fill_id"), root.GetProperty("fields").GetProperty("fill_id").GetString());
        Assert.Equal("portfolio", root.GetProperty("children")[0].GetProperty("type").GetString());
        var node = root;
        var path = new List<string>();
        while (node.GetProperty("parents").GetArrayLength() > 0)
        {
            node = node.GetProperty("parents")[0];
            path.Add(node.GetProperty("type").GetString()!);
        }
        Assert.Equal(["order_event", "order", "allocation_intent", "conviction", "price_bar", "raw_document"], path);
        Assert.Equal(64, node.GetProperty("fields").GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task An_unknown_id_exits_non_zero_naming_it()
    {
        var result = await VantaRunner.InvokeAsync("explain", "vanta-no-such-order", "--home", run.Home);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("no record", result.Error);
        Assert.Contains("'vanta-no-such-order'", result.Error);
    }

    [Fact]
    public async Task The_index_is_kept_in_the_home_and_reused_until_the_journal_grows()
    {
        Assert.Equal(0, (await VantaRunner.InvokeAsync("explain", FirstFill().Payload("fill_id"), "--home", run.Home)).ExitCode);
        Assert.True(File.Exists(run.Layout.Database));

        using var index = LineageIndex.Open(run.Layout.Database, run.Layout.Journal);
        var sync = index.Update();

        Assert.False(sync.Rebuilt);
        Assert.Equal(0, sync.Added);
        Assert.Equal(run.Summary.JournalHead, sync.Head.Hash);
    }

    private static List<string> Section(string[] lines, string name)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith(name + " (", StringComparison.Ordinal));
        Assert.True(start > 0, $"no {name} section");
        return [.. lines.Skip(start + 1).TakeWhile(l => l.StartsWith('├') || l.StartsWith('└') || l.StartsWith('│') || l.StartsWith(' '))];
    }

    private static IEnumerable<LineageNode> Flatten(LineageNode node) =>
        new[] { node }.Concat(node.Configs).Concat(node.Parents.SelectMany(Flatten));

    private FillRecord FirstFill()
    {
        var record = JournalReader.ReadAll(run.Layout.Journal).First(r => r.Envelope.Type == "fill");
        return new FillRecord(record.Seq, record.Envelope);
    }

    private sealed record FillRecord(long Seq, Envelope Envelope)
    {
        public string Payload(string field)
        {
            using var payload = JsonDocument.Parse(Envelope.Payload);
            return payload.RootElement.GetProperty(field).GetString()!;
        }
    }
}
