using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Tests.Allocation;

/// <summary>Builders for allocator tests.</summary>
internal static class Convictions
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);

    public static Observed<ConvictionVector> Of(string symbol, decimal score, DateTimeOffset issuedAt, TimeSpan? ttl = null, string tag = "equity")
    {
        var life = ttl ?? TimeSpan.FromHours(1);
        var signal = new SignalId(ContentHash.Id(symbol, score.ToString(System.Globalization.CultureInfo.InvariantCulture), issuedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), tag));
        var vector = new ConvictionVector(
            signal, symbol, score,
            ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal).Add("test", score),
            ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal).Add("test@1", 1m),
            issuedAt, life, issuedAt + life, [tag], []);
        return new Observed<ConvictionVector>(new EventId("e-" + signal.Value), vector);
    }

    public static VaultDefinition Vault(
        decimal min = 0.05m, decimal cap = 0.2m, decimal gross = 0.5m, decimal band = 0.02m, bool allowShort = false, string id = "core", string tag = "equity") =>
        new(new VaultId(id), 100000m, "balanced", [tag], new AllocationRules(AllocationMode.Proportional, min, cap, gross, band), allowShort, false);
}
