using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Markets.Reflection;

/// <summary>What the scorer remembers about one symbol: recent closes and the insider trades still in the window.</summary>
internal sealed class SymbolBelief(int lookbackBars)
{
    private readonly Queue<decimal> _closes = new(lookbackBars + 1);
    private readonly List<(EventId Id, InsiderTransaction Trade)> _trades = [];

    public DateTimeOffset? LastBarAt { get; private set; }

    /// <summary>Adds a close; true once there are enough closes to measure the lookback return.</summary>
    public bool AddClose(DateTimeOffset at, decimal close)
    {
        LastBarAt = at;
        if (_closes.Count == lookbackBars + 1)
            _closes.Dequeue();
        _closes.Enqueue(close);
        return _closes.Count == lookbackBars + 1;
    }

    /// <summary>The return from the oldest kept close to the newest.</summary>
    public decimal LookbackReturn() => (_closes.Last() / _closes.Peek()) - 1m;

    public void AddTrade(EventId id, InsiderTransaction trade) => _trades.Add((id, trade));

    /// <summary>Forgets trades that left the window ending at <paramref name="now"/>; returns those still in it, in arrival order.</summary>
    public IReadOnlyList<(EventId Id, InsiderTransaction Trade)> TradesIn(DateTimeOffset now, TimeSpan window)
    {
        _trades.RemoveAll(t => t.Trade.TsEvent <= now - window);
        return [.. _trades.Where(t => t.Trade.TsEvent <= now)];
    }
}
