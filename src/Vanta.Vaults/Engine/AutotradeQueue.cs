using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Vaults.Engine;

/// <summary>
/// The autotrade queue (<c>memory/autotrade_queue.json</c>): the latest live intent per vault and symbol.
/// An intent asking for the target already queued for its vault and symbol is a duplicate and is not queued
/// (nor published); expired intents leave the queue. Ordered by vault, then symbol (ordinal). Not thread-safe.
/// </summary>
public sealed class AutotradeQueue
{
    private readonly SortedDictionary<(string Vault, string Symbol), AllocationIntent> _queue = new(KeyComparer.Instance);

    /// <summary>Intents refused as duplicates so far.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Intents dropped on expiry so far.</summary>
    public int Expired { get; private set; }

    public int Count => _queue.Count;

    /// <summary>
    /// Drops what expired by <paramref name="now"/>, then queues <paramref name="intent"/> unless the live intent
    /// queued for its vault and symbol already asks for the same target weight. True when queued.
    /// </summary>
    public bool Offer(AllocationIntent intent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intent);
        DropExpired(now);
        if (!intent.IsLiveAt(now))
        {
            Expired++;
            return false;
        }
        var key = (intent.VaultId.Value, intent.Symbol);
        if (_queue.TryGetValue(key, out var queued) && queued.TargetWeight == intent.TargetWeight)
        {
            Duplicates++;
            return false;
        }
        _queue[key] = intent;
        return true;
    }

    /// <summary>Removes every intent expired at <paramref name="now"/>; returns how many.</summary>
    public int DropExpired(DateTimeOffset now)
    {
        List<(string, string)>? expired = null;
        foreach (var (key, intent) in _queue)
        {
            if (!intent.IsLiveAt(now))
                (expired ??= []).Add(key);
        }
        foreach (var key in expired ?? [])
            _queue.Remove(key);
        Expired += expired?.Count ?? 0;
        return expired?.Count ?? 0;
    }

    /// <summary>The live intents at <paramref name="now"/>, by vault then symbol.</summary>
    public ImmutableArray<AllocationIntent> Snapshot(DateTimeOffset now)
    {
        DropExpired(now);
        return [.. _queue.Values];
    }

    private sealed class KeyComparer : IComparer<(string Vault, string Symbol)>
    {
        public static KeyComparer Instance { get; } = new();

        public int Compare((string Vault, string Symbol) x, (string Vault, string Symbol) y)
        {
            var byVault = string.CompareOrdinal(x.Vault, y.Vault);
            return byVault != 0 ? byVault : string.CompareOrdinal(x.Symbol, y.Symbol);
        }
    }
}

/// <summary>Expiry of intents.</summary>
public static class AllocationIntentExpiry
{
    /// <summary>True when the intent may still be acted on at <paramref name="now"/>.</summary>
    public static bool IsLiveAt(this AllocationIntent intent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return now < intent.ExpiresAt;
    }
}
