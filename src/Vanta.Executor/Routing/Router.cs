using System.Collections.Immutable;

namespace Vanta.Executor.Routing;

/// <summary>Where an order goes and why.</summary>
/// <param name="RuleIndex">The index of the rule that matched, or -1 for the default account.</param>
public readonly record struct RouteDecision(string Account, AssetClass AssetClass, int RuleIndex)
{
    public bool IsDefault => RuleIndex < 0;
}

/// <summary>
/// Chooses the broker account for an order from its symbol and routing tags: rules in order, first match wins,
/// else the default. The config is checked once, at construction, against the accounts that have brokers, so
/// routing itself cannot name an unknown account and allocates nothing.
/// </summary>
public sealed class Router
{
    private readonly RouteRule[] _rules;
    private readonly string _default;

    /// <exception cref="RoutingConfigException">The config is invalid or names an account not in <paramref name="knownAccounts"/>.</exception>
    public Router(RoutingConfig config, IReadOnlyCollection<string> knownAccounts)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = config.Validate(knownAccounts);
        if (!errors.IsEmpty)
            throw new RoutingConfigException(errors);
        Config = config;
        _rules = [.. config.Rules];
        _default = config.DefaultAccount;
    }

    public RoutingConfig Config { get; }

    public RouteDecision Route(string symbol, ImmutableArray<string> tags)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var assetClass = AssetClassifier.Classify(symbol, tags.IsDefault ? default : tags.AsSpan());
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule.AssetClass is { } wanted && wanted != assetClass)
                continue;
            if (rule.Tag is { } tag && !Contains(tags, tag))
                continue;
            return new(rule.Account, assetClass, i);
        }
        return new(_default, assetClass, -1);
    }

    private static bool Contains(ImmutableArray<string> tags, string tag)
    {
        if (tags.IsDefault)
            return false;
        foreach (var t in tags)
        {
            if (string.Equals(t, tag, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
