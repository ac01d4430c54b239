using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Coinbase;
using Vanta.Executor.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Coinbase.CoinbaseRig;

namespace Vanta.Executor.Tests.Brokers.Coinbase;

public sealed class CoinbaseAuthTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_718_375_462);

    [Fact]
    public void Token_carries_the_specified_header_and_claims_and_an_es256_signature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = CoinbaseJwtSigner.Load(FakeCoinbaseVenue.KeyName, key.ExportECPrivateKeyPem(), "api.coinbase.com").GetValueOrThrow();

        var parts = signer.Token("POST api.coinbase.com/api/v3/brokerage/orders", At).Split('.');

        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal(("ES256", FakeCoinbaseVenue.KeyName, "JWT"), ((string?)header["alg"], (string?)header["kid"], (string?)header["typ"]));
        Assert.Matches("^[0-9a-f]{32}$", (string?)header["nonce"]);
        Assert.Equal(
            """{"sub":"organizations/test-org/apiKeys/test-key","iss":"cdp","nbf":1718375462,"exp":1718375582,"uri":"POST api.coinbase.com/api/v3/brokerage/orders"}""",
            claims.ToJsonString());
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Nonce_is_fresh_for_every_token_even_at_the_same_instant()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var signer = CoinbaseJwtSigner.Load(FakeCoinbaseVenue.KeyName, key.ExportECPrivateKeyPem(), "api.coinbase.com").GetValueOrThrow();

        var nonces = Enumerable.Range(0, 5)
            .Select(_ => (string?)JsonNode.Parse(Base64Url.DecodeFromChars(signer.Token("GET api.coinbase.com/x", At).Split('.')[0]))!["nonce"])
            .ToList();

        Assert.Equal(5, nonces.Distinct().Count());
    }

    [Theory]
    [InlineData("sec1")]
    [InlineData("pkcs8")]
    [InlineData("escaped")]
    public async Task Private_key_in_any_accepted_pem_form_signs_requests_the_venue_accepts(string form)
    {
        await using var rig = new CoinbaseRig();
        var pem = form switch
        {
            "sec1" => rig.Key.ExportECPrivateKeyPem(),
            "pkcs8" => rig.Key.ExportPkcs8PrivateKeyPem(),
            _ => rig.Key.ExportECPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal),
        };
        using var broker = CoinbaseBroker.Create(rig.Options, FakeCoinbaseVenue.KeyName, pem, new HttpClient(), TimeProvider.System).GetValueOrThrow();

        var placed = await broker.SubmitAsync(Market("vanta-" + form));

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        Assert.Single(rig.Venue.Orders);
    }

    [Fact]
    public async Task Every_kind_of_request_is_signed_for_its_own_method_and_path()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Wallets.Add(Wallet("USD", "10", "0"));
        (await rig.Broker.SubmitAsync(Limit("vanta-all", 1m, 100m))).GetValueOrThrow();

        (await rig.Broker.GetOrderAsync(new ClientOrderId("vanta-all"))).GetValueOrThrow();
        (await rig.Broker.CancelAsync(new ClientOrderId("vanta-all"))).GetValueOrThrow();
        (await rig.Broker.ListOpenOrdersAsync()).GetValueOrThrow();
        (await rig.Broker.GetAccountAsync()).GetValueOrThrow();

        var venueId = rig.Venue.Orders.Single().OrderId;
        Assert.Equal(
            ["POST api.coinbase.com/api/v3/brokerage/orders",
             $"GET api.coinbase.com/api/v3/brokerage/orders/historical/{venueId}",
             $"GET api.coinbase.com/api/v3/brokerage/orders/historical/{venueId}",
             "POST api.coinbase.com/api/v3/brokerage/orders/batch_cancel",
             $"GET api.coinbase.com/api/v3/brokerage/orders/historical/{venueId}",
             "GET api.coinbase.com/api/v3/brokerage/orders/historical/batch",
             "GET api.coinbase.com/api/v3/brokerage/accounts"],
            rig.Venue.AcceptedClaims.Select(c => (string?)c["uri"]));
    }

    [Fact]
    public async Task Key_the_venue_does_not_know_is_refused_as_fatal_and_no_key_material_is_reported()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var rig = new CoinbaseRig(signingKey: stranger);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-stranger"));

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized, 401), (placed.Error!.Class, placed.Error.Code, placed.Error.HttpStatus));
        Assert.Contains("signature does not verify", placed.Error.Message, StringComparison.Ordinal);
        var pemBody = rig.Pem.Split('\n')[1];
        Assert.DoesNotContain(pemBody, placed.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(rig.Venue.Orders);
    }

    [Fact]
    public async Task Clock_far_from_the_venues_is_refused()
    {
        var ahead = new FakeTimeProvider(TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(5));
        await using var rig = new CoinbaseRig();
        using var broker = CoinbaseBroker.Create(rig.Options, FakeCoinbaseVenue.KeyName, rig.Pem, new HttpClient(), ahead).GetValueOrThrow();

        var placed = await broker.SubmitAsync(Market("vanta-skew"));

        Assert.Equal(BrokerErrorClass.Fatal, placed.Error!.Class);
        Assert.Contains("token not valid now", placed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_without_the_needed_scope_is_fatal_and_the_echoed_key_name_is_masked()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Forbid = $"Missing required scopes for {FakeCoinbaseVenue.KeyName}";

        var account = await rig.Broker.GetAccountAsync();

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized, 403), (account.Error!.Class, account.Error.Code, account.Error.HttpStatus));
        Assert.Contains("Missing required scopes for ***", account.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeCoinbaseVenue.KeyName, account.Error.ToString(), StringComparison.Ordinal);
        Assert.Single(rig.Server.Requests);
    }

    [Theory]
    [InlineData("p384")]
    [InlineData("rsa")]
    [InlineData("garbage")]
    public void Private_key_that_is_not_p256_is_fatal_and_not_quoted(string kind)
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        var pem = kind switch
        {
            "p384" => p384.ExportECPrivateKeyPem(),
            "rsa" => rsa.ExportPkcs8PrivateKeyPem(),
            _ => "-----BEGIN EC PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END EC PRIVATE KEY-----",
        };

        var created = CoinbaseBroker.Create(new CoinbaseOptions(CoinbaseOptions.Production), FakeCoinbaseVenue.KeyName, pem, new HttpClient(), TimeProvider.System);

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials), (created.Error!.Class, created.Error.Code));
        Assert.Contains("COINBASE_API_PRIVATE_KEY is not an EC P-256 private key", created.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pem.Split('\n')[1], created.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_are_fatal_and_named()
    {
        var created = CoinbaseBroker.Create(new CoinbaseOptions(CoinbaseOptions.Production), new BrokerSecrets(_ => null, null), new HttpClient(), TimeProvider.System);

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials), (created.Error!.Class, created.Error.Code));
        Assert.Contains("COINBASE_API_KEY_NAME, COINBASE_API_PRIVATE_KEY", created.Error.Message, StringComparison.Ordinal);
    }

    internal static JsonObject Wallet(string currency, string available, string hold, string? uuid = null) => new()
    {
        ["uuid"] = uuid ?? $"wallet-{currency.ToLowerInvariant()}",
        ["name"] = $"{currency} Wallet",
        ["currency"] = currency,
        ["available_balance"] = new JsonObject { ["value"] = available, ["currency"] = currency },
        ["hold"] = new JsonObject { ["value"] = hold, ["currency"] = currency },
        ["default"] = true,
        ["active"] = true,
        ["type"] = currency == "USD" ? "ACCOUNT_TYPE_FIAT" : "ACCOUNT_TYPE_CRYPTO",
        ["ready"] = true,
    };
}
