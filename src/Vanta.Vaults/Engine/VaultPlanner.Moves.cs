using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Engine;

// Turning targets into moves: which are made, which refused, and why.
public static partial class VaultPlanner
{
    private static VaultPlan Moves(
        VaultDefinition vault,
        VaultCaps caps,
        ExposureLimits limits,
        List<(string Symbol, decimal Weight)> targets,
        IReadOnlyDictionary<string, decimal> current,
        Notes notes,
        string? overrideReason,
        bool madeOnly)
    {
        var candidates = Candidates(targets, current);
        var moves = new List<(string Symbol, decimal From, decimal To)>(candidates.Count);
        foreach (var (symbol, to) in candidates)
        {
            var from = current.GetValueOrDefault(symbol);
            if (from != to)
                moves.Add((symbol, from, to));
        }

        // Refusals by move index; a refusal's text stays null when madeOnly, as refused moves are then left out.
        var refused = new bool[moves.Count];
        var refusals = new string?[moves.Count];
        var refusedCount = 0;
        var turnover = 0m;
        foreach (var (_, from, to) in moves)
        {
            if (!IsIncrease(from, to))
                turnover += Math.Abs(to - from);
        }
        // Only the turnover budget depends on the order of increases (see OrderedIncreases); without a limit they
        // are taken in move order, straight from the move list.
        var ordered = caps.TurnoverLimit is null ? null : OrderedIncreases(moves);
        var count = ordered?.Count ?? moves.Count;
        for (var k = 0; k < count; k++)
        {
            int i;
            decimal delta;
            if (ordered is not null)
            {
                (i, delta) = ordered[k];
            }
            else
            {
                i = k;
                if (!IsIncrease(moves[k].From, moves[k].To))
                    continue;
                delta = Math.Abs(moves[k].To - moves[k].From);
            }
            var m = moves[i];
            string? refusal = null;
            var refuse = true;
            if (delta < vault.Allocation.RebalanceBand)
                refusal = madeOnly ? null : string.Create(CultureInfo.InvariantCulture, $"refused: change {delta:0.######} within rebalance_band {vault.Allocation.RebalanceBand}");
            else if (delta * vault.Capital < caps.MinTradeSize)
                refusal = madeOnly ? null : string.Create(CultureInfo.InvariantCulture, $"refused: trade {delta * vault.Capital:0.##} below min_trade_size {caps.MinTradeSize}");
            else if (caps.TurnoverLimit is { } limit && turnover + delta > limit)
                refusal = madeOnly ? null : string.Create(CultureInfo.InvariantCulture, $"refused: turnover {turnover + delta:0.######} would pass turnover_limit {limit}");
            else
            {
                turnover += delta;
                refuse = false;
            }
            if (refuse)
            {
                refused[i] = true;
                refusals[i] = refusal;
                refusedCount++;
            }
        }

        var forced = false;
        if (refusedCount > 0 && !HoldsAfter(limits, moves, refused, targets, current))
        {
            Array.Clear(refused);
            Array.Clear(refusals);
            refusedCount = 0;
            forced = true;
        }

        var book = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        foreach (var (symbol, weight) in current)
        {
            if (weight != 0m)
                book[symbol] = weight;
        }
        var decisions = ImmutableArray.CreateBuilder<AllocationDecision>(madeOnly ? moves.Count - refusedCount : moves.Count);
        for (var i = 0; i < moves.Count; i++)
        {
            var m = moves[i];
            var made = !refused[i];
            if (!made && madeOnly)
                continue;
            var note = notes.Find(m.Symbol);
            var reason = refusals[i]
                ?? (overrideReason is not null && m.To == 0m ? $"exit: {overrideReason}"
                : note is null ? "exit: no live conviction"
                : $"{notes.Why(note)} -> weight {m.To.ToString("0.000000", CultureInfo.InvariantCulture)}");
            if (made && forced)
                reason += " (made despite band, size or turnover: caps come first)";
            decisions.Add(new AllocationDecision(vault.Id, m.Symbol, m.From, m.To, made, reason, note?.SignalId));
            if (!made)
                continue;
            if (m.To == 0m)
                book.Remove(m.Symbol);
            else
                book[m.Symbol] = m.To;
        }
        return new VaultPlan(vault.Id, book.ToImmutable(), decisions.ToImmutable());
    }

    // Whether the book after the moves (refused ones staying put) holds the caps: every move's resulting weight,
    // then every unmoved target. Every target symbol is a candidate move, so a target is unmoved exactly when it
    // equals the current weight (a linear pass instead of searching the move list per target).
    private static bool HoldsAfter(
        ExposureLimits limits,
        List<(string Symbol, decimal From, decimal To)> moves,
        bool[] refused,
        List<(string Symbol, decimal Weight)> targets,
        IReadOnlyDictionary<string, decimal> current)
    {
        var tally = new ExposureLimits.Tally(limits);
        for (var i = 0; i < moves.Count; i++)
            tally.Add(refused[i] ? moves[i].From : moves[i].To);
        foreach (var (symbol, weight) in targets)
        {
            if (current.GetValueOrDefault(symbol) == weight)
                tally.Add(weight);
        }
        return tally.Holds;
    }

    // Target symbols with their targets, plus held (non-zero) symbols without one at 0, in ordinal order. Usually
    // every held symbol has a target, and then the targets themselves are the candidates (no copy).
    private static List<(string Symbol, decimal Weight)> Candidates(List<(string Symbol, decimal Weight)> targets, IReadOnlyDictionary<string, decimal> current)
    {
        List<(string Symbol, decimal Weight)>? candidates = null;
        foreach (var (symbol, weight) in current)
        {
            if (weight != 0m && IndexOf(targets, symbol, t => t.Symbol) < 0)
                (candidates ??= [.. targets]).Add((symbol, 0m));
        }
        if (candidates is null)
            return targets;
        candidates.Sort((a, b) => string.CompareOrdinal(a.Symbol, b.Symbol));
        return candidates;
    }

    // Indexes of the moves that add risk with their size, largest first, ties by symbol (symbols are distinct, so
    // the order is total). Only the turnover budget depends on that order: band and size refusals look at one move alone.
    private static List<(int Index, decimal Delta)> OrderedIncreases(List<(string Symbol, decimal From, decimal To)> moves)
    {
        var increases = new List<(int Index, decimal Delta)>(moves.Count);
        for (var i = 0; i < moves.Count; i++)
        {
            if (IsIncrease(moves[i].From, moves[i].To))
                increases.Add((i, Math.Abs(moves[i].To - moves[i].From)));
        }
        increases.Sort((a, b) =>
        {
            var bySize = b.Delta.CompareTo(a.Delta);
            return bySize != 0 ? bySize : string.CompareOrdinal(moves[a.Index].Symbol, moves[b.Index].Symbol);
        });
        return increases;
    }

    // Binary search of a list sorted by ordinal symbol: the index, or negative when absent.
    private static int IndexOf<T>(List<T> sorted, string symbol, Func<T, string> symbolOf)
    {
        int lo = 0, hi = sorted.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var order = string.CompareOrdinal(symbolOf(sorted[mid]), symbol);
            if (order == 0)
                return mid;
            if (order < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return -1;
    }

    // Opening, growing or flipping a position adds risk; shrinking or closing one does not.
    private static bool IsIncrease(decimal from, decimal to) =>
        to != 0m && (Math.Sign(from) != Math.Sign(to) || Math.Abs(to) > Math.Abs(from));

    /// <summary>The live convictions behind the targets (ordinal symbol order), and how to explain a weight when a reason is needed.</summary>
    private sealed record Notes(List<ConvictionVector> Convictions, Func<ConvictionVector, string> Why)
    {
        public ConvictionVector? Find(string symbol)
        {
            var i = IndexOf(Convictions, symbol, c => c.Symbol);
            return i < 0 ? null : Convictions[i];
        }
    }
}
