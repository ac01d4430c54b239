using System.Collections.Immutable;

namespace Vanta.Executor.Routing;

/// <summary>
/// One routing rule: it matches an order when every criterion it names matches (the order carries
/// <paramref name="Tag"/> among its routing tags; its asset class is <paramref name="AssetClass"/>).
/// </summary>
public sealed record RouteRule(string? Tag, AssetClass? AssetClass, string Account);

/// <summary>
/// Which broker account takes an order: the first matching rule in <paramref name="Rules"/>, else
/// <paramref name="DefaultAccount"/>. Immutable; check it with <see cref="Validate"/> against the accounts the
/// composition root has brokers for.
/// </summary>
public sealed record RoutingConfig(ImmutableArray<RouteRule> Rules, string DefaultAccount)
{
    /// <summary>Everything to the one account.</summary>
    public static RoutingConfig AllTo(string account) => new([], account);

    /// <summary>Every problem, each naming its path (e.g. <c>rules[1].account</c>); empty when the config is usable.</summary>
    public ImmutableArray<RoutingConfigError> Validate(IReadOnlyCollection<string> knownAccounts)
    {
        ArgumentNullException.ThrowIfNull(knownAccounts);
        var errors = ImmutableArray.CreateBuilder<RoutingConfigError>();
        Account(errors, "default_account", DefaultAccount, knownAccounts);
        if (Rules.IsDefault)
        {
            errors.Add(new("rules", "must be a list (was missing)"));
            return errors.ToImmutable();
        }
        for (var i = 0; i < Rules.Length; i++)
        {
            var path = $"rules[{i}]";
            if (Rules[i] is not { } rule)
            {
                errors.Add(new(path, "must be a rule (was null)"));
                continue;
            }
            if (rule.Tag is null && rule.AssetClass is null)
                errors.Add(new(path, "must name a tag or an asset_class to match (names neither)"));
            if (rule.Tag is not null && string.IsNullOrWhiteSpace(rule.Tag))
                errors.Add(new($"{path}.tag", "must not be blank"));
            if (rule.AssetClass is { } assetClass && !Enum.IsDefined(assetClass))
                errors.Add(new($"{path}.asset_class", $"must be equity or crypto (was {(int)assetClass})"));
            Account(errors, $"{path}.account", rule.Account, knownAccounts);
        }
        return errors.ToImmutable();
    }

    private static void Account(ImmutableArray<RoutingConfigError>.Builder errors, string path, string? account, IReadOnlyCollection<string> known)
    {
        if (string.IsNullOrWhiteSpace(account))
            errors.Add(new(path, "must name a broker account (was blank)"));
        else if (!known.Contains(account, StringComparer.Ordinal))
            errors.Add(new(path, $"unknown account '{account}' (known: {(known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal)))})"));
    }
}

/// <summary>One problem with a <see cref="RoutingConfig"/>, at <paramref name="Path"/>.</summary>
public sealed record RoutingConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A routing config that cannot be used; <see cref="Errors"/> names every problem.</summary>
public sealed class RoutingConfigException(ImmutableArray<RoutingConfigError> errors)
    : InvalidOperationException("Invalid routing config: " + string.Join("; ", errors))
{
    public ImmutableArray<RoutingConfigError> Errors { get; } = errors;
}
