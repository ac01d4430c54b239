using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Ids;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Engine;

// Turning targets into moves: which are made, which refused, and why.
public static partial class VaultPlanner
{
    private static VaultPlan Moves(
        VaultDefinition vault,
        VaultCaps caps,
        ExposureLimits limits,
        SortedDictionary<string, decimal> targets,
        IReadOnlyDictionary<string, decimal> current,
        SortedDictionary<string, (string Why, SignalId Signal)> notes,
        string? overrideReason)
    {
        var symbols = new SortedSet<string>(current.Where(kv => kv.Value != 0m).Select(kv => kv.Key), StringComparer.Ordinal);
        symbols.UnionWith(targets.Keys);
        var moves = new List<(string Symbol, decimal From, decimal To)>();
        foreach (var symbol in symbols)
        {
            var from = current.GetValueOrDefault(symbol);
            var to = targets.GetValueOrDefault(symbol);
            if (from != to)
                moves.Add((symbol, from, to));
        }

        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        var turnover = moves.Where(m => !IsIncrease(m.From, m.To)).Sum(m => Math.Abs(m.To - m.From));
        var increases = moves.Where(m => IsIncrease(m.From, m.To))
            .OrderByDescending(m => Math.Abs(m.To - m.From)).ThenBy(m => m.Symbol, StringComparer.Ordinal);
        foreach (var m in increases)
        {
            var delta = Math.Abs(m.To - m.From);
            if (delta < vault.Allocation.RebalanceBand)
                refused[m.Symbol] = string.Create(CultureInfo.InvariantCulture, $"refused: change {delta:0.######} within rebalance_band {vault.Allocation.RebalanceBand}");
            else if (delta * vault.Capital < caps.MinTradeSize)
                refused[m.Symbol] = string.Create(CultureInfo.InvariantCulture, $"refused: trade {delta * vault.Capital:0.##} below min_trade_size {caps.MinTradeSize}");
            else if (caps.TurnoverLimit is { } limit && turnover + delta > limit)
                refused[m.Symbol] = string.Create(CultureInfo.InvariantCulture, $"refused: turnover {turnover + delta:0.######} would pass turnover_limit {limit}");
            else
                turnover += delta;
        }

        var forced = false;
        if (refused.Count > 0 && !limits.Holds(moves.Select(m => refused.ContainsKey(m.Symbol) ? m.From : m.To).Concat(Unmoved(targets, moves))))
        {
            refused.Clear();
            forced = true;
        }

        var book = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (symbol, weight) in current)
        {
            if (weight != 0m)
                book[symbol] = weight;
        }
        var decisions = ImmutableArray.CreateBuilder<AllocationDecision>(moves.Count);
        foreach (var m in moves)
        {
            var made = !refused.TryGetValue(m.Symbol, out var refusal);
            var hasNote = notes.TryGetValue(m.Symbol, out var note);
            var reason = refusal
                ?? (overrideReason is not null && m.To == 0m ? $"exit: {overrideReason}"
                : !hasNote ? "exit: no live conviction"
                : $"{note.Why} -> weight {m.To.ToString("0.000000", CultureInfo.InvariantCulture)}");
            if (made && forced)
                reason += " (made despite band, size or turnover: caps come first)";
            decisions.Add(new AllocationDecision(vault.Id, m.Symbol, m.From, m.To, made, reason,
                hasNote ? note.Signal : null));
            if (!made)
                continue;
            if (m.To == 0m)
                book.Remove(m.Symbol);
            else
                book[m.Symbol] = m.To;
        }
        return new VaultPlan(vault.Id, book.ToImmutable(), decisions.ToImmutable());
    }

    private static IEnumerable<decimal> Unmoved(SortedDictionary<string, decimal> targets, List<(string Symbol, decimal From, decimal To)> moves) =>
        targets.Where(kv => !moves.Any(m => m.Symbol == kv.Key)).Select(kv => kv.Value);

    // Opening, growing or flipping a position adds risk; shrinking or closing one does not.
    private static bool IsIncrease(decimal from, decimal to) =>
        to != 0m && (Math.Sign(from) != Math.Sign(to) || Math.Abs(to) > Math.Abs(from));
}
