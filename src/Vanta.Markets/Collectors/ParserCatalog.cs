using System.Collections.Frozen;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Lean;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Collectors;

/// <summary>Every document parser Markets knows, by the source kind named on the command line and in tapes.</summary>
public static class ParserCatalog
{
    private static readonly FrozenDictionary<string, Func<IDocumentParser>> Factories =
        new Dictionary<string, Func<IDocumentParser>>(StringComparer.Ordinal)
        {
            [Form4Parser.SourceKind] = () => new Form4Parser(),
            [LeanDailyParser.SourceKind] = () => new LeanDailyParser(),
            [RedditListingParser.SourceKind] = () => new RedditListingParser(RedditSymbols.CashtagsOnly),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The source kinds, in ordinal order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. Factories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A new parser for <paramref name="kind"/>, or false when the kind is unknown.</summary>
    public static bool TryCreate(string kind, out IDocumentParser parser)
    {
        if (Factories.TryGetValue(kind, out var factory))
        {
            parser = factory();
            return true;
        }
        parser = null!;
        return false;
    }
}
