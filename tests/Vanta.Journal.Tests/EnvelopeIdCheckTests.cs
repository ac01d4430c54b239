using System.Text;
using Vanta.Core.Envelopes;

namespace Vanta.Journal.Tests;

public sealed class EnvelopeIdCheckTests
{
    [Fact]
    public void Agrees_with_core_on_envelopes_with_parents_and_signatures()
    {
        var bars = Samples.Bars(5);
        var signed = bars[4] with { Signature = "sig-abc" };
        foreach (var envelope in bars.Append(signed))
            Assert.Equal(LineFault.None, EnvelopeIdCheck.Check(Samples.Json(envelope)));
    }

    [Fact]
    public void Flags_an_edited_payload_exactly_when_core_does()
    {
        var edited = Samples.JsonText(Samples.Bar(3)).Replace("\"open\":", "\"open\":1", StringComparison.Ordinal);
        var roundTripped = System.Text.Json.JsonSerializer.Deserialize<Envelope>(edited)!;

        Assert.NotEqual(roundTripped.EventId, roundTripped.ComputeId());
        Assert.Equal(LineFault.EventIdMismatch, EnvelopeIdCheck.Check(Encoding.UTF8.GetBytes(edited)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"event_id\":5}")]
    [InlineData("{\"event_id\":\"a\",\"type\":\"t\",\"schema_version\":1,\"ts_event\":\"nope\",\"payload\":{}}")]
    [InlineData("{\"event_id\":\"a\",\"type\":\"t\",\"schema_version\":1,\"ts_event\":\"2024-01-01T00:00:00Z\"}")]
    [InlineData("{\"event_id\":\"a\"")]
    public void Malformed_envelopes_are_invalid_not_exceptions(string json) =>
        Assert.Equal(LineFault.EnvelopeInvalid, EnvelopeIdCheck.Check(Encoding.UTF8.GetBytes(json)));
}
