using System.Collections.Immutable;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Personas;

/// <summary>
/// The built-in personas and the lookup of a vault's persona (built-in or user-defined in <c>vault.json</c>).
/// </summary>
public static class PersonaCatalog
{
    /// <summary>Takes convictions as they are.</summary>
    public static PersonaDefinition Balanced { get; } = new("balanced", ConvictionTransform.Identity, 1m, 1m, []);

    /// <summary>Squares conviction, halves size, at most 10% per name.</summary>
    public static PersonaDefinition RiskAverse { get; } = new("risk-averse", ConvictionTransform.Dampen, 0.5m, 0.1m, []);

    /// <summary>Trades against the signal.</summary>
    public static PersonaDefinition Contrarian { get; } = new("contrarian", ConvictionTransform.Negate, 1m, 1m, []);

    /// <summary>Stretches conviction by 1.5 (capped at 1) and sizes 1.5 times.</summary>
    public static PersonaDefinition Aggressive { get; } = new("aggressive", ConvictionTransform.Amplify, 1.5m, 1m, []);

    /// <summary>Built-ins by name.</summary>
    public static ImmutableSortedDictionary<string, PersonaDefinition> BuiltIn { get; } =
        new[] { Balanced, RiskAverse, Contrarian, Aggressive }.ToImmutableSortedDictionary(p => p.Name, p => p, StringComparer.Ordinal);

    /// <summary>The persona named <paramref name="name"/>: user-defined ones shadow nothing (names must differ from built-ins).</summary>
    public static PersonaDefinition? Find(string name, ImmutableArray<PersonaDefinition>? userDefined)
    {
        if (BuiltIn.TryGetValue(name, out var builtIn))
            return builtIn;
        if (userDefined is { } defined)
        {
            foreach (var persona in defined)
            {
                if (string.Equals(persona.Name, name, StringComparison.Ordinal))
                    return persona;
            }
        }
        return null;
    }

    /// <summary>Applies <paramref name="transform"/> to a score in [-1, 1]; the result stays in [-1, 1].</summary>
    public static decimal Apply(ConvictionTransform transform, decimal score) => transform switch
    {
        ConvictionTransform.Identity => score,
        ConvictionTransform.Negate => -score,
        ConvictionTransform.Dampen => Math.Sign(score) * score * score,
        ConvictionTransform.Amplify => Math.Sign(score) * Math.Min(1m, Math.Abs(score) * 1.5m),
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown transform"),
    };

    /// <summary>True when <paramref name="persona"/> accepts a conviction carrying <paramref name="tags"/>.</summary>
    public static bool Accepts(PersonaDefinition persona, ImmutableArray<string> tags) =>
        persona.AllowedTags.IsDefaultOrEmpty
        || (!tags.IsDefault && tags.Any(t => persona.AllowedTags.Contains(t, StringComparer.Ordinal)));
}
