using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Coinbase;

/// <summary>
/// A fresh ES256 JWT per request (CDP API keys): header <c>alg</c>, <c>kid</c> = key name, <c>nonce</c>, <c>typ</c>;
/// claims <c>sub</c> = key name, <c>iss</c> = <c>cdp</c>, <c>nbf</c> = now, <c>exp</c> = now + 120 s,
/// <c>uri</c> = <c>"METHOD host/path"</c> (no query). The signature is JWS form: P-256 r||s, base64url.
/// </summary>
/// <remarks>
/// The nonce is derived from the key name, the uri, the clock's now and a per-signer counter: unique per token,
/// reproducible in a test, and free of ambient randomness.
/// </remarks>
internal sealed class CoinbaseJwtSigner : IRequestSigner, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(120);

    private readonly string _keyName;
    private readonly ECDsa _key;
    private readonly string _host;
    private readonly Lock _gate = new();
    private long _counter;

    private CoinbaseJwtSigner(string keyName, ECDsa key, string host)
    {
        _keyName = keyName;
        _key = key;
        _host = host;
    }

    /// <summary>
    /// A signer for an EC P-256 private key in PEM (SEC1 <c>EC PRIVATE KEY</c> or PKCS#8 <c>PRIVATE KEY</c>; a key
    /// pasted from Coinbase's JSON with literal <c>\n</c> works too). The error never quotes the key.
    /// </summary>
    public static BrokerResult<CoinbaseJwtSigner> Load(string keyName, string privateKeyPem, string host)
    {
        var pem = privateKeyPem.Replace("\\n", "\n", StringComparison.Ordinal).Trim();
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                throw new CryptographicException($"the key is on a {key.KeySize}-bit curve, not P-256");
            return new CoinbaseJwtSigner(keyName, key, host);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            // The exception text describes the PEM's shape only; it never carries key material.
            return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials,
                $"coinbase: {CoinbaseBroker.PrivateKeyName} is not an EC P-256 private key in PEM ({ex.GetType().Name}: {ex.Message}); Ed25519 keys are not supported");
        }
    }

    public void Sign(HttpRequestMessage message, BrokerHttpRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = $"{message.Method.Method} {_host}{message.RequestUri!.AbsolutePath}";
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(uri, now));
    }

    public string Token(string uri, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var count = Interlocked.Increment(ref _counter);
        var nonce = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{_keyName}\n{uri}\n{now.UtcTicks}\n{count}"))))[..32];
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _keyName, ["nonce"] = nonce, ["typ"] = "JWT" };
        var claims = new JsonObject
        {
            ["sub"] = _keyName,
            ["iss"] = "cdp",
            ["nbf"] = seconds,
            ["exp"] = seconds + (long)Lifetime.TotalSeconds,
            ["uri"] = uri,
        };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature;
        lock (_gate)
            signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public void Dispose() => _key.Dispose();
}
