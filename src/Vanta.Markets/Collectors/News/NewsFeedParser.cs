using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.News;

/// <summary>
/// Reads RSS 2.0 (and RSS 1.0) and Atom 1.0 feeds into <see cref="NewsItem"/>s: id = guid, else link (Atom:
/// id); summary = description / summary / content as plain text; time = pubDate or dc:date (Atom: published,
/// else updated) in UTC. <see cref="NewsItem.Source"/> is the feed's title (the document URI when it has none);
/// <see cref="NewsItem.Symbols"/> is left empty for entity resolution. An item without a title or a readable,
/// zoned date is quarantined as <c>item[i]</c> / <c>entry[i]</c>; the feed is read item by item, so malformed
/// XML keeps the items before the break.
/// </summary>
public sealed class NewsFeedParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "rss";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var items = ImmutableArray.CreateBuilder<IObservation>();
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string location, string reason) =>
            quarantined.Add(new QuarantineEntry(SourceKind, location, reason, document.Sha256, document.FetchedAt));

        var baseUri = Uri.TryCreate(document.Uri, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;
        var publisher = document.Uri;
        var index = 0;
        try
        {
            using var stream = new MemoryStream(document.Content, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
                return Whole(document, NewsReasons.Empty);
            var atom = reader.LocalName == "feed" && reader.NamespaceURI == NewsEntries.Atom.NamespaceName;
            if (!atom && reader.LocalName is not ("rss" or "RDF"))
                return Whole(document, NewsReasons.NotAFeed(reader.Name));

            var titleSeen = false;
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }
                if (!titleSeen && reader.LocalName == "title" && reader.Depth <= 2)
                {
                    titleSeen = true;
                    publisher = NewsEntries.Text((XElement)XNode.ReadFrom(reader)) ?? document.Uri;
                    continue;
                }
                if (reader.LocalName != (atom ? "entry" : "item"))
                {
                    reader.Read();
                    continue;
                }
                var element = (XElement)XNode.ReadFrom(reader);
                var item = atom
                    ? NewsEntries.FromAtom(element, publisher, baseUri, out var reason)
                    : NewsEntries.FromRss(element, publisher, baseUri, out reason);
                if (item is not null)
                    items.Add(item);
                else
                    Quarantine(string.Create(CultureInfo.InvariantCulture, $"{document.Uri}#{(atom ? "entry" : "item")}[{index}]"), reason!);
                index++;
            }
        }
        catch (XmlException e)
        {
            Quarantine(document.Uri, NewsReasons.NotXml(e.Message));
        }
        return new ParseResult(items.ToImmutable(), quarantined.ToImmutable());
    }

    private static ParseResult Whole(RawDocument document, string reason) =>
        new([], [new QuarantineEntry(SourceKind, document.Uri, reason, document.Sha256, document.FetchedAt)]);
}
