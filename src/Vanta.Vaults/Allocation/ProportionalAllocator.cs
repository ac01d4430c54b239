using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Allocation;

/// <summary>
/// The allocator of one vault in <c>proportional</c> mode. It keeps a book of the latest live conviction per
/// symbol routed to the vault, derives target weights from the whole book (see <see cref="TargetWeights"/>)
/// and emits an intent for each symbol whose target moved by at least <c>rebalance_band</c> from the last
/// target it emitted; a move to 0 (the symbol left the book or fell below the threshold) is always emitted,
/// so no residual position is left behind, and held-back reductions are emitted whenever holding them back
/// would leave the emitted book over <c>gross_cap</c>. Intents come out in ordinal symbol order.
/// </summary>
/// <remarks>
/// Not thread-safe: a stage kernel calls it from one thread. The same sequence of calls gives the same intents.
/// A conviction expired at <c>now</c>, one not routed to the vault, or one older than the book's entry for its
/// symbol is never acted on.
/// </remarks>
public sealed class ProportionalAllocator : IAllocator
{
    private readonly VaultDefinition _vault;
    private readonly string _configVersion;
    private readonly SortedDictionary<string, ConvictionVector> _book = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, decimal> _emitted = new(StringComparer.Ordinal);

    public ProportionalAllocator(VaultDefinition vault, string configVersion)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentException.ThrowIfNullOrWhiteSpace(configVersion);
        if (vault.Allocation.Mode != AllocationMode.Proportional)
            throw new ArgumentException($"Vault {vault.Id} uses {vault.Allocation.Mode}, not proportional", nameof(vault));
        _vault = vault;
        _configVersion = configVersion;
    }

    public VaultId VaultId => _vault.Id;

    /// <summary>The last target emitted per symbol (non-zero ones only), in ordinal symbol order.</summary>
    public ImmutableSortedDictionary<string, decimal> CurrentTargets => _emitted.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public IReadOnlyList<AllocationIntent> Allocate(Observed<ConvictionVector> conviction, DateTimeOffset now)
    {
        var trigger = conviction.Value;
        if (!trigger.IsLiveAt(now) || !IsRoutedHere(trigger))
            return [];

        DropExpired(now);
        // An older conviction arriving late must not overwrite a newer belief about the same symbol.
        if (!_book.TryGetValue(trigger.Symbol, out var held) || held.IssuedAt <= trigger.IssuedAt)
            _book[trigger.Symbol] = trigger;

        var targets = TargetWeights.Compute(_book.Values, _vault.Allocation, _vault.AllowShort);
        return EmitMoves(targets, trigger, now);
    }

    private bool IsRoutedHere(ConvictionVector conviction) =>
        !conviction.RoutingTags.IsDefault && conviction.RoutingTags.Any(tag => _vault.RoutingTags.Contains(tag, StringComparer.Ordinal));

    private void DropExpired(DateTimeOffset now)
    {
        var expired = _book.Where(kv => !kv.Value.IsLiveAt(now)).Select(kv => kv.Key).ToList();
        foreach (var symbol in expired)
            _book.Remove(symbol);
    }

    private List<AllocationIntent> EmitMoves(TargetSet targets, ConvictionVector trigger, DateTimeOffset now)
    {
        var symbols = new SortedSet<string>(_emitted.Keys, StringComparer.Ordinal);
        symbols.UnionWith(targets.BySymbol.Keys);
        var moves = symbols
            .Select(s => (Symbol: s, Target: targets.WeightOf(s), Last: _emitted.GetValueOrDefault(s)))
            .Where(m => m.Target != m.Last)
            .ToList();

        var band = _vault.Allocation.RebalanceBand;
        var emit = moves.Where(m => m.Target == 0m || Math.Abs(m.Target - m.Last) >= band).ToHashSet();
        // The band may hold back small reductions; if those held-back weights would leave the book over the
        // gross cap (a new symbol squeezed everyone a little), every reduction is emitted. Then each symbol is
        // at its target or below it in size, so the emitted book is within the cap like the targets are.
        var heldBack = moves.Where(m => !emit.Contains(m)).Sum(m => Math.Abs(m.Last));
        var emittedGross = _emitted.Where(kv => !moves.Any(m => m.Symbol == kv.Key)).Sum(kv => Math.Abs(kv.Value))
            + emit.Sum(m => Math.Abs(m.Target)) + heldBack;
        if (emittedGross > _vault.Allocation.GrossCap)
            emit.UnionWith(moves.Where(m => Math.Abs(m.Target) < Math.Abs(m.Last)));

        var intents = new List<AllocationIntent>();
        foreach (var move in moves.Where(emit.Contains))
        {
            intents.Add(CreateIntent(move.Symbol, move.Target, targets, trigger, now));
            if (move.Target == 0m)
                _emitted.Remove(move.Symbol);
            else
                _emitted[move.Symbol] = move.Target;
        }
        return intents;
    }

    private AllocationIntent CreateIntent(string symbol, decimal target, TargetSet targets, ConvictionVector trigger, DateTimeOffset now)
    {
        // The symbol's own conviction backs its target; a symbol whose conviction expired is exited on the
        // strength of the conviction that triggered this round.
        var own = _book.GetValueOrDefault(symbol);
        var basis = own ?? trigger;
        var weightText = target.ToString("0.000000", CultureInfo.InvariantCulture);
        var id = ContentHash.Id(
            _vault.Id.Value, symbol, weightText, basis.SignalId.Value,
            now.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return new AllocationIntent(
            new IntentId(id),
            _vault.Id,
            symbol,
            target,
            basis.SignalId,
            own?.ConvictionScore ?? 0m,
            _configVersion,
            now,
            basis.ExpiresAt,
            Reason(target, targets.BySymbol.GetValueOrDefault(symbol), own, targets.Scale));
    }

    private string Reason(decimal target, SymbolTarget? detail, ConvictionVector? own, decimal scale)
    {
        if (own is null)
            return "exit: conviction expired";
        if (detail?.ExcludedBecause is { } why)
            return $"exit: {why}";
        var text = string.Create(CultureInfo.InvariantCulture, $"conviction {own.ConvictionScore} -> weight {target:0.000000}");
        if (detail is { Capped: true })
            text += string.Create(CultureInfo.InvariantCulture, $", capped at {_vault.Allocation.MaxWeightPerSymbol}");
        if (scale < 1m)
            text += string.Create(CultureInfo.InvariantCulture, $", scaled to gross_cap {_vault.Allocation.GrossCap}");
        return text;
    }
}
