using System.Collections.Frozen;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Bybit;
using Vanta.Markets.Collectors.Coinbase;
using Vanta.Markets.Collectors.CoinGecko;
using Vanta.Markets.Collectors.Csv;
using Vanta.Markets.Collectors.Fred;
using Vanta.Markets.Collectors.Lean;
using Vanta.Markets.Collectors.News;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Markets.Collectors.Sec13F;
using Vanta.Markets.Collectors.SecAtom;
using Vanta.Markets.Collectors.SecForm4;
using Vanta.Markets.Collectors.SecSubmissions;
using Vanta.Markets.Collectors.SecSubmissionText;

namespace Vanta.Markets.Collectors;

/// <summary>Every document parser Markets knows, by the source kind named on the command line and in tapes.</summary>
public static class ParserCatalog
{
    private static readonly FrozenDictionary<string, Func<IDocumentParser>> Factories =
        new Dictionary<string, Func<IDocumentParser>>(StringComparer.Ordinal)
        {
            [Form4Parser.SourceKind] = () => new Form4Parser(),
            [SecAtomParser.SourceKind] = () => new SecAtomParser(),
            [SecSubmissionsParser.SourceKind] = () => new SecSubmissionsParser(),
            [Sec13FParser.SourceKind] = () => new Sec13FParser(),
            [SecFullSubmissionParser.SourceKind] = () => new SecFullSubmissionParser(),
            [LeanDailyParser.SourceKind] = () => new LeanDailyParser(),
            [RedditListingParser.SourceKind] = () => new RedditListingParser(RedditSymbols.CashtagsOnly),
            [RedditListingParser.RedditKind] = () => new RedditListingParser(RedditSymbols.CashtagsOnly, RedditListingParser.RedditKind),
            [RedditListingParser.CommentsKind] = () => new RedditListingParser(RedditSymbols.CashtagsOnly, RedditListingParser.CommentsKind),
            [NewsFeedParser.SourceKind] = () => new NewsFeedParser(),
            [FredObservationsParser.SourceKind] = () => new FredObservationsParser(),
            [CoinbaseCandlesParser.SourceKind] = () => new CoinbaseCandlesParser(),
            [CoinbaseAdvancedCandlesParser.SourceKind] = () => new CoinbaseAdvancedCandlesParser(),
            [BybitKlineParser.SourceKind] = () => new BybitKlineParser(),
            [CoinGeckoSimplePriceParser.SourceKind] = () => new CoinGeckoSimplePriceParser(),
            [CsvBarsParser.SourceKind] = () => new CsvBarsParser(),
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
