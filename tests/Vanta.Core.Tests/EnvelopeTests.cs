using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Core.Tests;

public sealed class EnvelopeTests
{
    private static readonly DateTimeOffset T0 = new(2019, 1, 2, 21, 0, 0, TimeSpan.Zero);
    private static readonly Producer Markets = new("local", Role.Markets);

    private static PriceBar Bar(decimal close) =>
        new("AAPL", T0.AddHours(-6.5), T0, 154.8m, 158.85m, 154.24m, close, 30451305m, "lean-daily");

    [Fact]
    public void Same_content_gives_same_event_id_whatever_the_init_time()
    {
        var a = Envelope.Create(EventKinds.PriceBar, Bar(157.92m), T0, T0, Markets);
        var b = Envelope.Create(EventKinds.PriceBar, Bar(157.92m), T0, T0.AddMinutes(5), Markets);
        Assert.Equal(a.EventId, b.EventId);
        Assert.Equal(32, a.EventId.Value.Length);
    }

    [Fact]
    public void Different_payload_or_parents_give_different_ids()
    {
        var a = Envelope.Create(EventKinds.PriceBar, Bar(157.92m), T0, T0, Markets);
        var b = Envelope.Create(EventKinds.PriceBar, Bar(157.93m), T0, T0, Markets);
        var c = Envelope.Create(EventKinds.PriceBar, Bar(157.92m), T0, T0, Markets, [a.EventId]);
        Assert.NotEqual(a.EventId, b.EventId);
        Assert.NotEqual(a.EventId, c.EventId);
        Assert.Equal(c.EventId, c.ComputeId());
    }

    [Fact]
    public void Envelope_json_is_snake_case_and_round_trips_payload_bytes()
    {
        var env = Envelope.Create(EventKinds.PriceBar, Bar(157.92m), T0, T0, Markets);
        var json = JsonSerializer.Serialize(env);
        Assert.StartsWith("{\"event_id\":\"" + env.EventId.Value + "\",\"type\":\"price_bar\",\"schema_version\":1,", json);
        Assert.Contains("\"producer\":{\"node\":\"local\",\"role\":\"markets\"}", json);
        Assert.Contains("\"adjustment_factor\":1", json);

        var back = JsonSerializer.Deserialize<Envelope>(json)!;
        Assert.Equal(env.EventId, back.EventId);
        Assert.Equal(Encoding.UTF8.GetString(env.Payload.Span), Encoding.UTF8.GetString(back.Payload.Span));
        Assert.Equal(env.EventId, back.ComputeId());
        Assert.Equal(157.92m, back.Read(EventKinds.PriceBar).Close);
    }

    [Fact]
    public void Reading_the_wrong_kind_is_a_bug()
    {
        var env = Envelope.Create(EventKinds.PriceBar, Bar(1m), T0, T0, Markets);
        Assert.Throws<InvalidOperationException>(() => env.Read(EventKinds.Fill));
    }

    [Fact]
    public void Typed_ids_reject_blank_values()
    {
        Assert.Throws<ArgumentException>(() => new OrderId(" "));
        Assert.Equal("\"v1\"", JsonSerializer.Serialize(new VaultId("v1")));
    }
}
