using System.Collections.Concurrent;

namespace Vanta.Http.Conditional;

/// <summary>The validators a server gave for a URL, sent back to ask "has it changed?".</summary>
public sealed record CacheValidators(string? ETag, string? LastModified)
{
    /// <summary>True when there is anything to send.</summary>
    public bool Any => ETag is not null || LastModified is not null;
}

/// <summary>Remembers ETag / Last-Modified per URL between fetches.</summary>
public interface IValidatorStore
{
    CacheValidators? Get(string uri);

    void Put(string uri, CacheValidators validators);
}

/// <summary>Validators kept in memory for the life of the process.</summary>
public sealed class InMemoryValidatorStore : IValidatorStore
{
    private readonly ConcurrentDictionary<string, CacheValidators> _byUri = new(StringComparer.Ordinal);

    public CacheValidators? Get(string uri) => _byUri.GetValueOrDefault(uri);

    public void Put(string uri, CacheValidators validators) => _byUri[uri] = validators;
}
