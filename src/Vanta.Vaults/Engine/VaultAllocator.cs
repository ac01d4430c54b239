using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;
using Vanta.Vaults.Personas;

namespace Vanta.Vaults.Engine;

/// <summary>
/// The vault engine as Core's <see cref="IAllocator"/>: keeps the latest live conviction per symbol, and on each
/// conviction runs <see cref="VaultPlanner"/> for every vault (ordinal id order) against the book it last
/// emitted, emitting an intent per move made. Rebalancing is by target position, so the same state twice makes
/// no new intents. Each vault sizes from its own capital only, so loan vaults stay isolated. Not thread-safe.
/// </summary>
public sealed class VaultAllocator : IAllocator
{
    private readonly VaultOverlay _overlay;
    private readonly string _version;
    // Mutable only so that capital changes (compounding) can replace a vault's definition in place.
    private readonly (VaultDefinition Vault, PersonaDefinition Persona)[] _vaults;
    private readonly SortedDictionary<string, ConvictionVector> _book = new(StringComparer.Ordinal);
    private readonly Dictionary<VaultId, ImmutableSortedDictionary<string, decimal>> _positions = [];
    private readonly Dictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<VaultId, VaultState> _states;

    public VaultAllocator(VaultConfig config, ConfigDocument document, VaultOverlay? overlay = null, ConfigDocument? overlayDocument = null,
        IReadOnlyDictionary<VaultId, VaultState>? states = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(document);
        _overlay = overlay ?? VaultOverlay.Default;
        // Intents record every config version they used.
        _version = overlayDocument is null ? document.Version : $"{document.Version}+{overlayDocument.Version}";
        _states = states ?? new Dictionary<VaultId, VaultState>();
        _vaults = [.. config.Vaults.OrderBy(v => v.Id.Value, StringComparer.Ordinal)
            .Select(v => (v, PersonaCatalog.Find(v.Persona, config.Personas)
                ?? throw new ArgumentException($"vault {v.Id} names unknown persona '{v.Persona}'", nameof(config))))];
        foreach (var (vault, _) in _vaults)
            _positions[vault.Id] = ExposureLimits.Empty;
    }

    /// <summary>The book each vault last emitted.</summary>
    public IReadOnlyDictionary<VaultId, ImmutableSortedDictionary<string, decimal>> Positions => _positions;

    /// <summary>The latest live conviction per symbol as of the last round, in ordinal symbol order.</summary>
    public IReadOnlyCollection<ConvictionVector> Convictions => _book.Values;

    /// <summary>The config versions intents record (<c>vault</c> or <c>vault+overlay</c>).</summary>
    public string Version => _version;

    /// <summary>The capital each vault sizes from now, by vault id.</summary>
    public IEnumerable<(VaultId Vault, decimal Capital)> Capitals => _vaults.Select(v => (v.Vault.Id, v.Vault.Capital));

    /// <summary>Records the last price of <paramref name="symbol"/>; intents size quantities and limits from it.</summary>
    public void Mark(string symbol, decimal price)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (price > 0m)
            _prices[symbol] = price;
    }

    /// <summary>
    /// Sets the capital <paramref name="vault"/> sizes from (compounding moves it); false for an unknown vault.
    /// Weights do not depend on capital; minimum trade sizes and target quantities do.
    /// </summary>
    public bool SetCapital(VaultId vault, decimal capital)
    {
        for (var i = 0; i < _vaults.Length; i++)
        {
            if (_vaults[i].Vault.Id != vault)
                continue;
            if (_vaults[i].Vault.Capital != capital)
                _vaults[i] = (_vaults[i].Vault with { Capital = capital }, _vaults[i].Persona);
            return true;
        }
        return false;
    }

    /// <summary>
    /// An allocator for a new config version that carries this one's state over: the live convictions, the last
    /// prices and each remaining vault's book, so a reload makes intents only where the new rules move a target.
    /// Vaults the new config drops leave with their books; new vaults start flat.
    /// </summary>
    public VaultAllocator Reconfigure(VaultConfig config, ConfigDocument document, VaultOverlay? overlay = null, ConfigDocument? overlayDocument = null)
    {
        var next = new VaultAllocator(config, document, overlay, overlayDocument, _states);
        foreach (var (symbol, conviction) in _book)
            next._book[symbol] = conviction;
        foreach (var (symbol, price) in _prices)
            next._prices[symbol] = price;
        foreach (var (vault, _) in next._vaults)
        {
            if (_positions.TryGetValue(vault.Id, out var held))
                next._positions[vault.Id] = held;
        }
        return next;
    }

    public IReadOnlyList<AllocationIntent> Allocate(Observed<ConvictionVector> conviction, DateTimeOffset now)
    {
        return conviction.Value.IsLiveAt(now) ? AllocateBatch([conviction.Value], now) : [];
    }

    /// <summary>Adds every live conviction of <paramref name="convictions"/> to the book, then runs one round.</summary>
    public IReadOnlyList<AllocationIntent> AllocateBatch(IEnumerable<ConvictionVector> convictions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(convictions);
        foreach (var c in convictions)
        {
            // An older conviction arriving late must not overwrite a newer belief about the same symbol.
            if (c.IsLiveAt(now) && (!_book.TryGetValue(c.Symbol, out var held) || held.IssuedAt <= c.IssuedAt))
                _book[c.Symbol] = c;
        }
        // One snapshot of the live book for all vaults, rather than walking the sorted tree once per vault.
        var live = new List<ConvictionVector>(_book.Count);
        List<string>? expired = null;
        foreach (var (symbol, c) in _book)
        {
            if (c.IsLiveAt(now))
                live.Add(c);
            else
                (expired ??= []).Add(symbol);
        }
        foreach (var symbol in expired ?? [])
            _book.Remove(symbol);
        var intents = new List<AllocationIntent>();
        var shared = new SharedTargets();
        foreach (var (vault, persona) in _vaults)
        {
            // Only made moves become intents, so the plan skips building refusals.
            var plan = VaultPlanner.Plan(vault, persona, _overlay, live, _positions[vault.Id], now, _states.GetValueOrDefault(vault.Id), madeOnly: true, shared);
            _positions[vault.Id] = plan.Book;
            foreach (var d in plan.Decisions)
                intents.Add(ToIntent(vault, d, now));
        }
        return intents;
    }

    /// <summary>
    /// Dry run for <c>vanta vault allocate</c>: one round over <paramref name="convictions"/> against
    /// <paramref name="positions"/> (per vault; missing means flat), with every move made or refused and why.
    /// </summary>
    public static ImmutableArray<VaultPlan> Explain(
        VaultConfig config,
        IEnumerable<ConvictionVector> convictions,
        DateTimeOffset now,
        VaultOverlay? overlay = null,
        IReadOnlyDictionary<VaultId, ImmutableSortedDictionary<string, decimal>>? positions = null,
        IReadOnlyDictionary<VaultId, VaultState>? states = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var live = convictions.ToList();
        return [.. config.Vaults.OrderBy(v => v.Id.Value, StringComparer.Ordinal).Select(v => VaultPlanner.Plan(
            v,
            PersonaCatalog.Find(v.Persona, config.Personas) ?? throw new ArgumentException($"vault {v.Id} names unknown persona '{v.Persona}'", nameof(config)),
            overlay ?? VaultOverlay.Default,
            live,
            positions?.GetValueOrDefault(v.Id) ?? ExposureLimits.Empty,
            now,
            states?.GetValueOrDefault(v.Id)))];
    }

    private AllocationIntent ToIntent(VaultDefinition vault, AllocationDecision d, DateTimeOffset now)
    {
        var own = _book.GetValueOrDefault(d.Symbol);
        var signal = own?.SignalId ?? new SignalId(ContentHash.Id("exit", d.Vault.Value, d.Symbol));
        var weight = d.To.ToString("0.000000", CultureInfo.InvariantCulture);
        var id = ContentHash.Id(d.Vault.Value, d.Symbol, weight, signal.Value, _version, now.UtcTicks.ToString(CultureInfo.InvariantCulture));
        // A move is made only when the weight changes, so the side is never ambiguous.
        var side = d.To > d.From ? OrderSide.Buy : OrderSide.Sell;
        var price = _prices.TryGetValue(d.Symbol, out var last) ? last : (decimal?)null;
        return new AllocationIntent(new IntentId(id), d.Vault, d.Symbol, d.To, signal, own?.ConvictionScore ?? 0m, _version, now,
            own?.ExpiresAt ?? now + TimeSpan.FromHours(1), d.Reason)
        {
            TargetQuantity = price is { } p ? IntentSizing.Quantity(vault.Capital, d.To, p, vault.Caps?.LotSize ?? 1m) : null,
            Side = side,
            LimitPrice = price is { } q && vault.Caps?.LimitCollar is { } collar ? IntentSizing.Limit(side, q, collar) : null,
        };
    }
}
