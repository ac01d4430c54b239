using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;
using Vanta.Vaults.Personas;

namespace Vanta.Vaults.Engine;

/// <summary>
/// One allocation round for one vault, as a pure function of the live convictions, the vault's current book,
/// the overlay and the vault's state. Order: routing and expiry, overlay flip, persona transform, rule
/// (proportional or banded), persona size, caps (per name, gross with cash buffer and leverage, net), kill
/// switch and loan drawdown (flat), maintenance (no position may grow), then per move: reductions are always
/// made; increases may be refused by the rebalance band, the minimum trade size or the turnover limit. If
/// refusals would leave the book outside a cap, every move is made instead: caps come first.
/// </summary>
public static partial class VaultPlanner
{
    public static VaultPlan Plan(
        VaultDefinition vault,
        PersonaDefinition persona,
        VaultOverlay overlay,
        IEnumerable<ConvictionVector> convictions,
        IReadOnlyDictionary<string, decimal> current,
        DateTimeOffset now,
        VaultState? state = null) =>
        Plan(vault, persona, overlay, convictions, current, now, state, madeOnly: false);

    /// <summary>
    /// As the public overload; with <paramref name="madeOnly"/> the plan's decisions hold only the moves made, so the
    /// refusal texts the allocator would throw away are never built. Book and made decisions are the same either way.
    /// With <paramref name="shared"/>, vaults of one round that size alike reuse one set of targets (see <see cref="SharedTargets"/>).
    /// </summary>
    internal static VaultPlan Plan(
        VaultDefinition vault,
        PersonaDefinition persona,
        VaultOverlay overlay,
        IEnumerable<ConvictionVector> convictions,
        IReadOnlyDictionary<string, decimal> current,
        DateTimeOffset now,
        VaultState? state,
        bool madeOnly,
        SharedTargets? shared = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(persona);
        ArgumentNullException.ThrowIfNull(overlay);
        ArgumentNullException.ThrowIfNull(convictions);
        ArgumentNullException.ThrowIfNull(current);
        var caps = vault.Caps ?? VaultCaps.None;
        var leverage = vault.Loan?.MaxLeverage ?? 1m;
        var limits = new ExposureLimits(
            Math.Min(vault.Allocation.MaxWeightPerSymbol, persona.MaxPosition),
            Math.Max(0m, Math.Min(vault.Allocation.GrossCap, leverage - caps.CashBuffer)),
            vault.Loan is null ? Math.Min(caps.MaxNetExposure, 1m) : caps.MaxNetExposure);

        // The "why" of a weight is only needed for symbols that move, so it is built on demand, not per symbol.
        string Why(ConvictionVector c) => RawWeight(vault, persona, overlay, c, explain: true).Why!;
        var latest = shared?.Routed(vault, persona);
        if (latest is null)
        {
            latest = Latest(convictions, vault, persona, now);
            shared?.AddRouted(vault, persona, latest);
        }
        var targets = shared?.Targets(vault, persona, limits);
        if (targets is null)
        {
            var raw = shared?.Raw(vault, persona);
            if (raw is null)
            {
                raw = new List<(string Symbol, decimal Weight)>(latest.Count);
                foreach (var c in latest)
                    raw.Add((c.Symbol, RawWeight(vault, persona, overlay, c, explain: false).Weight));
                shared?.AddRaw(vault, persona, raw);
            }
            targets = limits.Fit(raw);
            shared?.AddTargets(vault, persona, limits, targets);
        }

        string? flatBecause = overlay.KillSwitch ? "kill switch"
            : vault.Loan is { } loan && state is { } s && s.Drawdown >= loan.DrawdownLimit
                ? string.Create(CultureInfo.InvariantCulture, $"de-risk: drawdown {s.Drawdown:0.####} reached limit {loan.DrawdownLimit}")
                : null;
        if (flatBecause is not null)
            targets = [];
        else if (overlay.Maintenance)
            targets = limits.Fit(NoNewRisk(targets, current));

        return Moves(vault, caps, limits, targets, current, new Notes(latest, Why), flatBecause, madeOnly);
    }

    /// <summary>The latest live routed conviction per symbol, in ordinal symbol order.</summary>
    private static List<ConvictionVector> Latest(IEnumerable<ConvictionVector> convictions, VaultDefinition vault, PersonaDefinition persona, DateTimeOffset now)
    {
        var routed = new List<ConvictionVector>(convictions.TryGetNonEnumeratedCount(out var count) ? count : 0);
        var ascending = true;
        foreach (var c in convictions)
        {
            if (!c.IsLiveAt(now) || !Routes(vault, persona, c))
                continue;
            ascending &= routed.Count == 0 || string.CompareOrdinal(routed[^1].Symbol, c.Symbol) < 0;
            routed.Add(c);
        }
        // The allocator's book is already one conviction per symbol in ordinal order: nothing to pick or sort.
        if (ascending)
            return routed;
        var latest = new SortedDictionary<string, ConvictionVector>(StringComparer.Ordinal);
        foreach (var c in routed)
        {
            if (!latest.TryGetValue(c.Symbol, out var held) || held.IssuedAt <= c.IssuedAt)
                latest[c.Symbol] = c;
        }
        return [.. latest.Values];
    }

    // A conviction reaches the vault when it carries one of the vault's routing tags and the persona accepts it.
    private static bool Routes(VaultDefinition vault, PersonaDefinition persona, ConvictionVector c)
    {
        if (c.RoutingTags.IsDefault)
            return false;
        foreach (var tag in c.RoutingTags)
        {
            foreach (var routed in vault.RoutingTags)
            {
                if (string.Equals(tag, routed, StringComparison.Ordinal))
                    return PersonaCatalog.Accepts(persona, c.RoutingTags);
            }
        }
        return false;
    }

    // With explain false the weight is the same but no text is built (Why is null): formatting dominates the cost.
    private static (decimal Weight, string? Why) RawWeight(VaultDefinition vault, PersonaDefinition persona, VaultOverlay overlay, ConvictionVector c, bool explain)
    {
        var score = c.ConvictionScore;
        if (score > 1m)
            score = 1m;
        else if (score < -1m)
            score = -1m;
        var flipped = overlay.Flip switch
        {
            FlipMode.Contrarian => true,
            FlipMode.Chaos => ChaosPick(overlay.ChaosSeed, c.SignalId) < overlay.ChaosShare,
            _ => false,
        };
        if (flipped)
            score = -score;
        if (persona.Transform != ConvictionTransform.Identity)
            score = PersonaCatalog.Apply(persona.Transform, score);
        var text = explain ? string.Create(CultureInfo.InvariantCulture, $"conviction {c.ConvictionScore}{(flipped ? " flipped" : "")} -> {persona.Name} {score:0.######}") : null;
        var magnitude = score < 0m ? -score : score;
        var rules = vault.Allocation;
        if (magnitude <= rules.MinConviction)
            return (0m, explain ? text + string.Create(CultureInfo.InvariantCulture, $" within min_conviction {rules.MinConviction}") : null);
        if (score < 0 && !vault.AllowShort)
            return (0m, explain ? text + " is short and the vault does not allow short" : null);
        decimal weight;
        if (rules.Mode == AllocationMode.Banded)
        {
            var bands = rules.Bands ?? [];
            var index = -1;
            for (var i = 0; i < bands.Length && index < 0; i++)
            {
                if (bands[i].Contains(magnitude, i == bands.Length - 1))
                    index = i;
            }
            if (index < 0)
                return (0m, explain ? text + " below the first band" : null);
            weight = Math.Sign(score) * bands[index].Weight;
            if (explain)
                text += string.Create(CultureInfo.InvariantCulture, $" in band {index} (weight {bands[index].Weight})");
        }
        else
        {
            weight = score;
        }
        // A multiplier of exactly 1 (scale 0) leaves value and scale alone: skip the multiplication.
        var multiplier = persona.SizeMultiplier;
        if (multiplier != 1m || multiplier.Scale != 0)
            weight *= multiplier;
        if (weight > 1m)
            weight = 1m;
        else if (weight < -1m)
            weight = -1m;
        return (weight, text);
    }

    // A uniform draw in [0, 1) from the seed and the signal: the same conviction always flips the same way.
    private static decimal ChaosPick(long seed, SignalId signal)
    {
        var hex = ContentHash.Id("chaos", seed.ToString(CultureInfo.InvariantCulture), signal.Value)[..8];
        return uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 4294967296m;
    }

    private static List<(string Symbol, decimal Weight)> NoNewRisk(List<(string Symbol, decimal Weight)> targets, IReadOnlyDictionary<string, decimal> current)
    {
        var clamped = new List<(string Symbol, decimal Weight)>(targets.Count);
        foreach (var (symbol, target) in targets)
        {
            var held = current.GetValueOrDefault(symbol);
            if (Math.Sign(held) == Math.Sign(target))
                clamped.Add((symbol, Math.Sign(target) * Math.Min(Math.Abs(target), Math.Abs(held))));
        }
        return clamped;
    }
}
