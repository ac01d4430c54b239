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
        VaultState? state = null)
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

        var notes = new SortedDictionary<string, (string Why, SignalId Signal)>(StringComparer.Ordinal);
        var raw = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var c in Latest(convictions, vault, persona, now))
        {
            var (weight, why) = RawWeight(vault, persona, overlay, c);
            raw[c.Symbol] = weight;
            notes[c.Symbol] = (why, c.SignalId);
        }

        var targets = limits.Fit(raw);
        string? flatBecause = overlay.KillSwitch ? "kill switch"
            : vault.Loan is { } loan && state is { } s && s.Drawdown >= loan.DrawdownLimit
                ? string.Create(CultureInfo.InvariantCulture, $"de-risk: drawdown {s.Drawdown:0.####} reached limit {loan.DrawdownLimit}")
                : null;
        if (flatBecause is not null)
            targets.Clear();
        else if (overlay.Maintenance)
            targets = limits.Fit(NoNewRisk(targets, current));

        return Moves(vault, caps, limits, targets, current, notes, flatBecause);
    }

    private static IEnumerable<ConvictionVector> Latest(IEnumerable<ConvictionVector> convictions, VaultDefinition vault, PersonaDefinition persona, DateTimeOffset now)
    {
        var latest = new SortedDictionary<string, ConvictionVector>(StringComparer.Ordinal);
        foreach (var c in convictions)
        {
            if (!c.IsLiveAt(now) || c.RoutingTags.IsDefault || !c.RoutingTags.Any(t => vault.RoutingTags.Contains(t, StringComparer.Ordinal))
                || !PersonaCatalog.Accepts(persona, c.RoutingTags))
                continue;
            if (!latest.TryGetValue(c.Symbol, out var held) || held.IssuedAt <= c.IssuedAt)
                latest[c.Symbol] = c;
        }
        return latest.Values;
    }

    private static (decimal Weight, string Why) RawWeight(VaultDefinition vault, PersonaDefinition persona, VaultOverlay overlay, ConvictionVector c)
    {
        var score = Math.Clamp(c.ConvictionScore, -1m, 1m);
        var flipped = overlay.Flip switch
        {
            FlipMode.Contrarian => true,
            FlipMode.Chaos => ChaosPick(overlay.ChaosSeed, c.SignalId) < overlay.ChaosShare,
            _ => false,
        };
        if (flipped)
            score = -score;
        score = PersonaCatalog.Apply(persona.Transform, score);
        var text = string.Create(CultureInfo.InvariantCulture, $"conviction {c.ConvictionScore}{(flipped ? " flipped" : "")} -> {persona.Name} {score:0.######}");
        var magnitude = Math.Abs(score);
        var rules = vault.Allocation;
        if (magnitude <= rules.MinConviction)
            return (0m, text + string.Create(CultureInfo.InvariantCulture, $" within min_conviction {rules.MinConviction}"));
        if (score < 0 && !vault.AllowShort)
            return (0m, text + " is short and the vault does not allow short");
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
                return (0m, text + " below the first band");
            weight = Math.Sign(score) * bands[index].Weight;
            text += string.Create(CultureInfo.InvariantCulture, $" in band {index} (weight {bands[index].Weight})");
        }
        else
        {
            weight = score;
        }
        weight = Math.Clamp(weight * persona.SizeMultiplier, -1m, 1m);
        return (weight, text);
    }

    // A uniform draw in [0, 1) from the seed and the signal: the same conviction always flips the same way.
    private static decimal ChaosPick(long seed, SignalId signal)
    {
        var hex = ContentHash.Id("chaos", seed.ToString(CultureInfo.InvariantCulture), signal.Value)[..8];
        return uint.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 4294967296m;
    }

    private static Dictionary<string, decimal> NoNewRisk(SortedDictionary<string, decimal> targets, IReadOnlyDictionary<string, decimal> current)
    {
        var clamped = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (symbol, target) in targets)
        {
            var held = current.GetValueOrDefault(symbol);
            if (Math.Sign(held) == Math.Sign(target))
                clamped[symbol] = Math.Sign(target) * Math.Min(Math.Abs(target), Math.Abs(held));
        }
        return clamped;
    }
}
