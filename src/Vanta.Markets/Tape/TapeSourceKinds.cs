using System.Collections.Immutable;
using Vanta.Markets.Collectors.Lean;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Tape;

/// <summary>The source kinds a tape may name, with the file type each reads.</summary>
public static class TapeSourceKinds
{
    /// <summary>LEAN daily bars: a folder of <c>SYMBOL.csv</c> with a <c>factor_files/</c> folder.</summary>
    public const string LeanDaily = LeanDailyParser.SourceKind;

    /// <summary>SEC ownership documents (<c>*.xml</c>).</summary>
    public const string SecForm4 = Form4Parser.SourceKind;

    /// <summary>Reddit API Listing payloads (<c>*.json</c>).</summary>
    public const string RedditListing = RedditListingParser.SourceKind;

    /// <summary>Every kind, with the file extension and media type of its documents.</summary>
    public static ImmutableSortedDictionary<string, (string Extension, string ContentType)> All { get; } =
        new Dictionary<string, (string, string)>
        {
            [LeanDaily] = (".csv", "text/csv"),
            [SecForm4] = (".xml", "application/xml"),
            [RedditListing] = (".json", "application/json"),
            // The kinds live collectors record: a recorded harvest replays as a tape.
            ["reddit"] = (".json", "application/json"),
            ["reddit-comments"] = (".json", "application/json"),
            ["sec-atom"] = (".xml", "application/atom+xml"),
            ["sec-submissions"] = (".json", "application/json"),
            ["sec-13f"] = (".xml", "application/xml"),
            ["sec-full-submission"] = (".txt", "text/plain"),
            ["rss"] = (".xml", "application/rss+xml"),
            ["fred"] = (".json", "application/json"),
            ["coinbase-candles"] = (".json", "application/json"),
            ["coinbase-advanced-candles"] = (".json", "application/json"),
            ["bybit-kline"] = (".json", "application/json"),
            ["coingecko-price"] = (".json", "application/json"),
            ["bars-csv"] = (".csv", "text/csv"),
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The folder of factor files inside a <see cref="LeanDaily"/> source folder.</summary>
    public const string FactorFolder = "factor_files";
}
