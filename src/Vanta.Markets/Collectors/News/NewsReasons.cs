namespace Vanta.Markets.Collectors.News;

/// <summary>Why a feed or one of its items was quarantined.</summary>
internal static class NewsReasons
{
    public static string NotXml(string error) => $"not well-formed XML: {error}";

    public static string NotAFeed(string root) => $"root element '{root}' is not an RSS <rss>/<rdf:RDF> or Atom <feed>";

    public const string Empty = "the document holds no XML element";

    public const string MissingTitle = "item has no title";

    public static string MissingDate(string elements) => $"item has no date ({elements})";

    public static string BadDate(string element, string text) => $"{element} '{text}' is not a date with a time zone";
}
