using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Bybit;
using Vanta.Executor.Brokers.Common;
using Vanta.Http;
using static Vanta.Executor.Tests.Brokers.Bybit.BybitRig;

namespace Vanta.Executor.Tests.Brokers.Bybit;

public sealed class BybitAuthTests
{
    [Fact]
    public async Task Wrong_secret_is_refused_by_the_venue_as_fatal_and_neither_key_nor_secret_is_reported()
    {
        const string wrong = "WRONGsecretWRONGsecret0123456789";
        await using var rig = new BybitRig(secret: wrong);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-badsig"));

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized), (placed.Error!.Class, placed.Error.Code));
        // The venue echoes its origin string, API key included, as Bybit does: the adapter masks it.
        Assert.Contains("retCode 10004 error sign! origin_string[", placed.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeBybitVenue.ApiKey, placed.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, placed.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains(SecretMasker.Mask, placed.Error.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Venue.Orders);
    }

    [Fact]
    public async Task Tampered_body_fails_the_venues_signature_check()
    {
        await using var rig = new BybitRig();
        var signer = new BybitSigner(FakeBybitVenue.ApiKey, FakeBybitVenue.ApiSecret, 5000);
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, rig.Server.Url("v5/order/create"))
        {
            Content = new StringContent("""{"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"1","timeInForce":"IOC","marketUnit":"baseCoin","orderLinkId":"x"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        // Signed over one quantity, sent with another.
        signer.Sign(message, BrokerHttpRequest.Json(HttpMethod.Post, "v5/order/create", """{"qty":"0.001"}"""), TimeProvider.System.GetUtcNow());

        using var answer = await http.SendAsync(message);

        Assert.Contains("\"retCode\":10004", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(rig.Venue.Orders);
    }

    [Fact]
    public async Task Timestamp_outside_the_recv_window_is_refused_by_the_venue()
    {
        var behind = new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromSeconds(30));
        await using var rig = new BybitRig(time: behind, venueTime: TimeProvider.System);

        var found = await rig.Broker.GetOrderAsync(new ClientOrderId("vanta-late"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected), (found.Error!.Class, found.Error.Code));
        Assert.Contains("retCode 10002", found.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10006, BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited)]
    [InlineData(10016, BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable)]
    [InlineData(10003, BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(10004, BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(10005, BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(10010, BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(10001, BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest)]
    [InlineData(110001, BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound)]
    [InlineData(110008, BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable)]
    [InlineData(110072, BrokerErrorClass.NonRetryable, "110072")]
    [InlineData(110004, BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected)]
    [InlineData(110017, BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected)]
    public void RetCodes_in_http_200_are_classified(int retCode, BrokerErrorClass expectedClass, string expectedCode)
    {
        var http = new BrokerHttp(new BrokerHttpOptions("bybit", new Uri("http://127.0.0.1/")), new HttpClient(), TimeProvider.System);
        var body = $$"""{"retCode":{{retCode}},"retMsg":"nope","result":{},"retExtInfo":{},"time":1}""";

        var read = BybitErrors.Read(new BrokerHttpResponse(200, body, ImmutableDictionary<string, string>.Empty), http, TimeProvider.System, "test");

        Assert.Equal((expectedClass, expectedCode, 200), (read.Error!.Class, read.Error.Code, read.Error.HttpStatus));
    }

    [Theory]
    [InlineData(401, "", BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(403, "access too frequent", BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited)]
    [InlineData(403, "forbidden region", BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(502, "", BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable)]
    [InlineData(200, "<html>maintenance</html>", BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse)]
    public void Http_level_answers_are_classified(int status, string body, BrokerErrorClass expectedClass, string expectedCode)
    {
        var http = new BrokerHttp(new BrokerHttpOptions("bybit", new Uri("http://127.0.0.1/")), new HttpClient(), TimeProvider.System);

        var read = BybitErrors.Read(new BrokerHttpResponse(status, body, ImmutableDictionary<string, string>.Empty), http, TimeProvider.System, "test");

        Assert.Equal((expectedClass, expectedCode), (read.Error!.Class, read.Error.Code));
    }

    [Fact]
    public void Missing_credentials_are_fatal_and_named()
    {
        var secrets = new BrokerSecrets(_ => null, null);

        var created = BybitBroker.Create(new BybitOptions(BybitOptions.Testnet), secrets, new HttpClient(), TimeProvider.System);

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials), (created.Error!.Class, created.Error.Code));
        Assert.Contains("BYBIT_API_KEY, BYBIT_API_SECRET", created.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_category_is_refused_at_construction()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new BybitBroker(new BybitOptions(BybitOptions.Testnet, "inverse"), "k", "s", new HttpClient(), TimeProvider.System));

        Assert.Contains("category must be 'spot' or 'linear' (was 'inverse')", error.Message, StringComparison.Ordinal);
    }
}
