namespace Vanta.Executor.Brokers.Common;

/// <summary>
/// Where credentials come from, in order: the environment variable under the venue's usual name
/// (<c>APCA_API_KEY_ID</c>), a file named by <c>NAME_FILE</c> (Docker and Kubernetes secrets), or
/// <c>{home}/secrets/NAME</c>. Never from configuration files or the repository.
/// </summary>
public sealed class BrokerSecrets(Func<string, string?> environment, string? home)
{
    /// <summary>Secrets from the process environment and, when given, the home's <c>secrets/</c> folder.</summary>
    public static BrokerSecrets FromEnvironment(string? home = null) => new(Environment.GetEnvironmentVariable, home);

    /// <summary>The secret's value (trimmed of a trailing newline), or null when none of the places has it.</summary>
    public string? Read(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (environment(name) is { Length: > 0 } value)
            return value;
        if (environment(name + "_FILE") is { Length: > 0 } file && File.Exists(file))
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        if (home is not null && Path.Combine(home, "secrets", name) is var path && File.Exists(path))
            return File.ReadAllText(path).TrimEnd('\r', '\n');
        return null;
    }

    /// <summary>The named secrets, or a fatal <see cref="BrokerError"/> naming every one that is missing and where it was looked for.</summary>
    public BrokerResult<IReadOnlyDictionary<string, string>> Require(string venue, params string[] names)
    {
        var found = names.Select(n => (Name: n, Value: Read(n))).ToList();
        var missing = found.Where(f => f.Value is null).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            var where = home is null ? "" : $" or {Path.Combine(home, "secrets")}/<NAME>";
            return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.MissingCredentials,
                $"{venue}: missing credentials {string.Join(", ", missing)} (set the environment variable, <NAME>_FILE{where})");
        }
        return BrokerResult<IReadOnlyDictionary<string, string>>.Ok(found.ToDictionary(f => f.Name, f => f.Value!, StringComparer.Ordinal));
    }
}
