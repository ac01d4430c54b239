using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

public sealed class AlpacaCredentialsTests
{
    [Fact]
    public void Missing_credentials_are_fatal_and_name_both_variables()
    {
        var secrets = new BrokerSecrets(_ => null, home: null);

        var result = AlpacaBroker.Create(AlpacaOptions.Paper, secrets, new HttpClient(), TimeProvider.System);

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials), (result.Error!.Class, result.Error.Code));
        Assert.Contains("APCA_API_KEY_ID, APCA_API_SECRET_KEY", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_missing_variable_is_named_and_the_present_secret_is_not_shown()
    {
        var secrets = new BrokerSecrets(name => name == "APCA_API_SECRET_KEY" ? "present-secret-value" : null, home: null);

        var result = AlpacaCredentials.From(secrets);

        Assert.Contains("missing credentials APCA_API_KEY_ID (", result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("APCA_API_SECRET_KEY", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("present-secret-value", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_come_from_the_environment_or_a_secret_file_and_never_print()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "secret"), "file-secret\n");
        var env = new Dictionary<string, string> { ["APCA_API_KEY_ID"] = "PKENV", ["APCA_API_SECRET_KEY_FILE"] = Path.Combine(dir.Path, "secret") };

        var credentials = AlpacaCredentials.From(new BrokerSecrets(env.GetValueOrDefault, home: null)).GetValueOrThrow();

        Assert.Equal(("PKENV", "file-secret"), (credentials.KeyId, credentials.SecretKey));
        Assert.Equal("AlpacaCredentials(***, ***)", credentials.ToString());
    }

    [Fact]
    public void Paper_is_the_default_and_the_stream_follows_the_rest_host()
    {
        Assert.Equal(new Uri("https://paper-api.alpaca.markets/"), new AlpacaOptions().BaseUri);
        Assert.Equal(new Uri("wss://paper-api.alpaca.markets/stream"), AlpacaOptions.Paper.ResolvedStreamUri);
        Assert.Equal(new Uri("wss://api.alpaca.markets/stream"), new AlpacaOptions(AlpacaOptions.LiveUri).ResolvedStreamUri);
        Assert.Equal(new Uri("ws://127.0.0.1:5000/stream"), new AlpacaOptions(new Uri("http://127.0.0.1:5000/")).ResolvedStreamUri);
        Assert.Equal((200, TimeSpan.FromMinutes(1)), (AlpacaOptions.Paper.RateLimit.Permits, AlpacaOptions.Paper.RateLimit.Period));
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vanta-alpaca-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
