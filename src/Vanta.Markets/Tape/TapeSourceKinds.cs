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
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The folder of factor files inside a <see cref="LeanDaily"/> source folder.</summary>
    public const string FactorFolder = "factor_files";
}
