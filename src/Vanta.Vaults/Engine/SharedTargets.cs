using Vanta.Core.Domain;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Engine;

/// <summary>
/// Work shared by the vaults of one allocation round (same convictions, overlay and time), in three layers:
/// vaults with the same routing tags and persona route the same convictions; those that also weigh alike (allocation
/// mode, min conviction, bands, short permission) get the same raw weights; those that also have the same exposure
/// limits get the same fitted targets, whatever their capital. Decimals must match in value and scale (a scale
/// shows in the intents' JSON). Nothing is modified after it is added. Not thread-safe.
/// </summary>
internal sealed class SharedTargets
{
    private readonly List<Entry<List<ConvictionVector>>> _routed = [];
    private readonly List<Entry<List<(string Symbol, decimal Weight)>>> _raw = [];
    private readonly List<(ExposureLimits Limits, Entry<List<(string Symbol, decimal Weight)>> Entry)> _targets = [];

    public List<ConvictionVector>? Routed(VaultDefinition vault, PersonaDefinition persona)
    {
        foreach (var e in _routed)
        {
            if (SameRouting(e, vault, persona))
                return e.Value;
        }
        return null;
    }

    public void AddRouted(VaultDefinition vault, PersonaDefinition persona, List<ConvictionVector> latest) => _routed.Add(new(vault, persona, latest));

    public List<(string Symbol, decimal Weight)>? Raw(VaultDefinition vault, PersonaDefinition persona)
    {
        foreach (var e in _raw)
        {
            if (SameWeighing(e, vault, persona))
                return e.Value;
        }
        return null;
    }

    public void AddRaw(VaultDefinition vault, PersonaDefinition persona, List<(string Symbol, decimal Weight)> raw) => _raw.Add(new(vault, persona, raw));

    public List<(string Symbol, decimal Weight)>? Targets(VaultDefinition vault, PersonaDefinition persona, ExposureLimits limits)
    {
        foreach (var (l, e) in _targets)
        {
            if (Same(l.PerName, limits.PerName) && Same(l.Gross, limits.Gross) && Same(l.Net, limits.Net) && SameWeighing(e, vault, persona))
                return e.Value;
        }
        return null;
    }

    public void AddTargets(VaultDefinition vault, PersonaDefinition persona, ExposureLimits limits, List<(string Symbol, decimal Weight)> targets) =>
        _targets.Add((limits, new(vault, persona, targets)));

    // Routing reads the vault's tags and the persona's allowed tags; personas come from one catalogue lookup per
    // vault, so the same name is the same instance.
    private static bool SameRouting<T>(Entry<T> e, VaultDefinition vault, PersonaDefinition persona) =>
        ReferenceEquals(e.Persona, persona) && e.Vault.RoutingTags.AsSpan().SequenceEqual(vault.RoutingTags.AsSpan());

    // Raw weights read, besides the persona and the overlay, only these fields. Bands are compared by reference:
    // vaults read from one file never share them, so banded vaults are not shared.
    private static bool SameWeighing<T>(Entry<T> e, VaultDefinition vault, PersonaDefinition persona)
    {
        AllocationRules a = e.Vault.Allocation, b = vault.Allocation;
        return e.Vault.AllowShort == vault.AllowShort && a.Mode == b.Mode && Same(a.MinConviction, b.MinConviction)
            && (a.Bands is null ? b.Bands is null : b.Bands is not null && a.Bands.Value == b.Bands.Value)
            && SameRouting(e, vault, persona);
    }

    private static bool Same(decimal a, decimal b) => a == b && a.Scale == b.Scale;

    private sealed record Entry<T>(VaultDefinition Vault, PersonaDefinition Persona, T Value);
}
