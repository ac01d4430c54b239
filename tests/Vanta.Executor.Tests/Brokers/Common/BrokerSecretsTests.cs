using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Tests.Brokers.Common;

public sealed class BrokerSecretsTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("vanta-secrets-").FullName;

    [Fact]
    public void Environment_wins_then_the_named_file_then_the_home_secrets_folder()
    {
        Directory.CreateDirectory(Path.Combine(_home, "secrets"));
        File.WriteAllText(Path.Combine(_home, "secrets", "C"), "from-home\r\n");
        File.WriteAllText(Path.Combine(_home, "b.txt"), "from-file\n");
        var env = new Dictionary<string, string> { ["A"] = "from-env", ["B_FILE"] = Path.Combine(_home, "b.txt") };
        var secrets = new BrokerSecrets(env.GetValueOrDefault, _home);

        Assert.Equal(("from-env", "from-file", "from-home"), (secrets.Read("A"), secrets.Read("B"), secrets.Read("C")));
        Assert.Null(secrets.Read("D"));
    }

    [Fact]
    public void Require_names_every_missing_secret_and_where_it_was_looked_for()
    {
        var secrets = new BrokerSecrets(n => n == "A" ? "value-a" : null, _home);

        var result = secrets.Require("venue", "A", "B", "C");

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials), (result.Error!.Class, result.Error.Code));
        Assert.Equal($"venue: missing credentials B, C (set the environment variable, <NAME>_FILE or {Path.Combine(_home, "secrets")}/<NAME>)", result.Error.Message);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
