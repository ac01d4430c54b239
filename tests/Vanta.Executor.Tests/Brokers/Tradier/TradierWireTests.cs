using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Brokers.Tradier;

namespace Vanta.Executor.Tests.Brokers.Tradier;

public sealed class TradierWireTests
{
    [Theory]
    [InlineData("pending", OrderStatus.Submitted)]
    [InlineData("submitted", OrderStatus.Submitted)]
    [InlineData("open", OrderStatus.Accepted)]
    [InlineData("partially_filled", OrderStatus.PartiallyFilled)]
    [InlineData("filled", OrderStatus.Filled)]
    [InlineData("canceled", OrderStatus.Cancelled)]
    [InlineData("expired", OrderStatus.Expired)]
    [InlineData("rejected", OrderStatus.Rejected)]
    [InlineData("error", OrderStatus.Rejected)]
    public void Every_documented_status_maps_onto_the_lifecycle(string status, OrderStatus expected) =>
        Assert.Equal(expected, TradierOrders.MapStatus(status));

    [Theory]
    [InlineData("vanta-0123456789abcdef01234567", "vanta-0123456789abcdef01234567")]
    [InlineData("strat1-0001", "strat1-0001")]
    [InlineData("a_b", "h--615f62")]
    [InlineData("h--abc", "h--682d2d616263")]
    public void Tags_keep_valid_ids_and_hex_encode_the_rest_reversibly(string id, string tag)
    {
        Assert.Equal(tag, TradierTag.For(new ClientOrderId(id)));
        Assert.True(TradierTag.IsValid(tag));
        Assert.Equal(new ClientOrderId(id), TradierTag.Decode(tag));
    }

    [Fact]
    public void An_id_whose_hex_form_exceeds_255_characters_has_no_tag()
    {
        Assert.Equal(255, TradierTag.For(new ClientOrderId(new string('a', 255)))!.Length);
        Assert.Null(TradierTag.For(new ClientOrderId(new string('_', 127))));
    }

    [Fact]
    public void The_header_gate_closes_at_zero_available_until_the_expiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_369_164_300_001));
        var gate = new TradierRateGate(clock);

        gate.Observe(Answer("5", "1369164360001"));
        Assert.Equal(TimeSpan.Zero, gate.Wait());

        gate.Observe(Answer("0", "1369164360001"));
        Assert.Equal(TimeSpan.FromSeconds(60), gate.Wait());

        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(TimeSpan.Zero, gate.Wait());
    }

    [Fact]
    public void The_header_gate_never_waits_longer_than_one_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var gate = new TradierRateGate(clock);

        gate.Observe(Answer("0", "99999999999999"));

        Assert.Equal(TimeSpan.FromSeconds(61), gate.Wait());
    }

    [Fact]
    public void Options_read_both_credentials_and_never_print_the_token()
    {
        var env = new Dictionary<string, string> { ["TRADIER_ACCESS_TOKEN"] = "tok-123-secret", ["TRADIER_ACCOUNT_ID"] = "VA000000" };
        var secrets = new BrokerSecrets(env.GetValueOrDefault, null);

        var options = TradierOptions.FromSecrets(secrets, sandbox: true).GetValueOrThrow();

        Assert.Equal((TradierOptions.SandboxUri, "VA000000", "tok-123-secret", 60), (options.BaseUri, options.AccountId, options.AccessToken, options.ReadRateLimit.Permits));
        Assert.Equal(120, TradierOptions.Production("VA000000", "t").ReadRateLimit.Permits);
        Assert.Equal(60, options.TradingRateLimit.Permits);
        Assert.DoesNotContain("tok-123-secret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_are_fatal_and_named()
    {
        var secrets = new BrokerSecrets(_ => null, null);

        var error = TradierOptions.FromSecrets(secrets, sandbox: false).Error!;

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials), (error.Class, error.Code));
        Assert.Contains("TRADIER_ACCESS_TOKEN, TRADIER_ACCOUNT_ID", error.Message, StringComparison.Ordinal);
    }

    private static BrokerHttpResponse Answer(string available, string expiry) =>
        new(200, "{}", ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase)
            .Add("X-Ratelimit-Available", available).Add("X-Ratelimit-Expiry", expiry));
}
