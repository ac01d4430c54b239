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
    private readonly ImmutableArray<(VaultDefinition Vault, PersonaDefinition Persona)> _vaults;
    private readonly SortedDictionary<string, ConvictionVector> _book = new(StringComparer.Ordinal);
    private readonly Dictionary<VaultId, ImmutableSortedDictionary<string, decimal>> _positions = [];
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
        foreach (var expired in _book.Where(kv => !kv.Value.IsLiveAt(now)).Select(kv => kv.Key).ToList())
            _book.Remove(expired);

        // One snapshot of the book for all vaults, rather than walking the sorted tree once per vault.
        var live = _book.Values.ToArray();
        var intents = new List<AllocationIntent>();
        foreach (var (vault, persona) in _vaults)
        {
            // Only made moves become intents, so the plan skips building refusals.
            var plan = VaultPlanner.Plan(vault, persona, _overlay, live, _positions[vault.Id], now, _states.GetValueOrDefault(vault.Id), madeOnly: true);
            _positions[vault.Id] = plan.Book;
            foreach (var d in plan.Decisions)
                intents.Add(ToIntent(d, now));
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

    private AllocationIntent ToIntent(AllocationDecision d, DateTimeOffset now)
    {
        var own = _book.GetValueOrDefault(d.Symbol);
        var signal = own?.SignalId ?? new SignalId(ContentHash.Id("exit", d.Vault.Value, d.Symbol));
        var weight = d.To.ToString("0.000000", CultureInfo.InvariantCulture);
        var id = ContentHash.Id(d.Vault.Value, d.Symbol, weight, signal.Value, _version, now.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return new AllocationIntent(new IntentId(id), d.Vault, d.Symbol, d.To, signal, own?.ConvictionScore ?? 0m, _version, now,
            own?.ExpiresAt ?? now + TimeSpan.FromHours(1), d.Reason);
    }
}
