using System.Text;
using System.Text.Json;
using Vanta.Core.Envelopes;

namespace Vanta.Journal.Tests;

public sealed class EnvelopeIdCheckTests : IDisposable
{
    private readonly EnvelopeIdCheck check = new();

    public void Dispose() => check.Dispose();

    private static IEnumerable<Envelope> Originals()
    {
        var bars = Samples.Bars(6);
        return bars
            .Append(bars[5] with { Signature = "sig-abc" })
            .Append(Samples.Bar(7, [bars[1].EventId, bars[2].EventId], source: "quote \" slash \\ é <tag> ✓"));
    }

    /// <summary>Single edits an attacker might make, applied to the envelope JSON text.</summary>
    private static IEnumerable<string> Variants(string json)
    {
        yield return json;
        yield return json.Replace("\"open\":", "\"open\":1", StringComparison.Ordinal);
        yield return json.Replace("\"type\":\"price_bar\"", "\"type\":\"price_baz\"", StringComparison.Ordinal);
        yield return json.Replace("\"schema_version\":1", "\"schema_version\":2", StringComparison.Ordinal);
        yield return json.Replace(":30:00", ":30:01", StringComparison.Ordinal);
        yield return json.Replace("\"ts_init\":\"2024", "\"ts_init\":\"2025", StringComparison.Ordinal);
        yield return json.Replace("\"node\":\"node-a\"", "\"node\":\"node-b\"", StringComparison.Ordinal);
        var parentsAt = json.IndexOf("\"parents\":[\"", StringComparison.Ordinal);
        if (parentsAt >= 0)
            yield return json.Remove(parentsAt + 12, 1).Insert(parentsAt + 12, "f");
    }

    [Fact]
    public void Agrees_with_core_on_originals_and_on_every_edit()
    {
        var checkedVariants = 0;
        foreach (var envelope in Originals())
        {
            foreach (var json in Variants(Samples.JsonText(envelope)))
            {
                var fromCore = JsonSerializer.Deserialize<Envelope>(json)!;
                var expected = fromCore.ComputeId() == fromCore.EventId ? LineFault.None : LineFault.EventIdMismatch;
                Assert.Equal(expected, check.Check(Encoding.UTF8.GetBytes(json)));
                checkedVariants++;
            }
        }
        Assert.True(checkedVariants > 50);
    }

    [Fact]
    public void Originals_pass_and_a_payload_edit_fails()
    {
        var envelope = Originals().Last();
        Assert.Equal(LineFault.None, check.Check(Samples.Json(envelope)));
        var edited = Samples.JsonText(envelope).Replace("\"close\":", "\"close\":9", StringComparison.Ordinal);
        Assert.Equal(LineFault.EventIdMismatch, check.Check(Encoding.UTF8.GetBytes(edited)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"event_id\":5}")]
    [InlineData("{\"event_id\":\"a\",\"type\":\"t\",\"schema_version\":1,\"ts_event\":\"nope\",\"payload\":{}}")]
    [InlineData("{\"event_id\":\"a\",\"type\":\"t\",\"schema_version\":1,\"ts_event\":\"2024-01-01T00:00:00Z\"}")]
    [InlineData("{\"event_id\":\"a\",\"type\":\"t\",\"schema_version\":1,\"ts_event\":\"2024-01-01T00:00:00Z\",\"parents\":[\"\"],\"payload\":{}}")]
    [InlineData("{\"event_id\":\"a\"")]
    public void Malformed_envelopes_are_invalid_not_exceptions(string json) =>
        Assert.Equal(LineFault.EnvelopeInvalid, check.Check(Encoding.UTF8.GetBytes(json)));
}
