using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.News;

/// <summary>Reads one RSS <c>item</c> or Atom <c>entry</c> element into a <see cref="NewsItem"/>.</summary>
internal static class NewsEntries
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>An RSS 2.0 (or 1.0) item; null with the reason when it has no title or no readable date.</summary>
    public static NewsItem? FromRss(XElement item, string publisher, Uri? baseUri, out string? reason)
    {
        var ns = item.Name.Namespace;
        var title = Text(item.Element(ns + "title"));
        var link = Text(item.Element(ns + "link"));
        var guid = Text(item.Element(ns + "guid"));
        var description = Text(item.Element(ns + "description"));
        var (dateElement, dateText) = Text(item.Element(ns + "pubDate")) is { } pub ? ("pubDate", pub)
            : Text(item.Element(Dc + "date")) is { } dc ? ("dc:date", dc) : ("pubDate", null);
        return Create(title, dateElement, dateText, "pubDate or dc:date", guid ?? link, description ?? "",
            Resolve(link, baseUri), publisher, out reason);
    }

    /// <summary>An Atom entry: <c>published</c>, else <c>updated</c>, is the event time.</summary>
    public static NewsItem? FromAtom(XElement entry, string publisher, Uri? baseUri, out string? reason)
    {
        var title = Text(entry.Element(Atom + "title"));
        var (dateElement, dateText) = Text(entry.Element(Atom + "published")) is { } pub ? ("published", pub)
            : ("updated", Text(entry.Element(Atom + "updated")));
        var link = entry.Elements(Atom + "link")
            .FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value;
        var summary = Text(entry.Element(Atom + "summary")) ?? Text(entry.Element(Atom + "content")) ?? "";
        var url = Resolve(link, BaseOf(entry, baseUri));
        return Create(title, dateElement, dateText, "published or updated", Text(entry.Element(Atom + "id")) ?? url,
            summary, url, publisher, out reason);
    }

    private static NewsItem? Create(
        string? title, string dateElement, string? dateText, string dateNames, string? id, string summary, string url,
        string publisher, out string? reason)
    {
        reason = null;
        if (string.IsNullOrWhiteSpace(title))
            reason = NewsReasons.MissingTitle;
        else if (dateText is null)
            reason = NewsReasons.MissingDate(dateNames);
        else if (NewsDates.Any(dateText) is not { } ts)
            reason = NewsReasons.BadDate(dateElement, dateText);
        else
        {
            var plainTitle = NewsText.Plain(title);
            return new NewsItem(id ?? ContentId(plainTitle, ts), publisher, plainTitle, NewsText.Plain(summary), url, ts, []);
        }
        return null;
    }

    /// <summary>The element's text (all descendant text for Atom <c>xhtml</c> content), or null when absent or blank.</summary>
    public static string? Text(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    private static Uri? BaseOf(XElement element, Uri? documentUri)
    {
        var xmlBase = element.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "base")).FirstOrDefault(b => b is not null);
        return xmlBase is not null && Uri.TryCreate(documentUri ?? new Uri("about:blank"), xmlBase, out var resolved) && resolved.IsAbsoluteUri
            ? resolved : documentUri;
    }

    private static string Resolve(string? href, Uri? baseUri)
    {
        if (href is null)
            return "";
        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return absolute.ToString();
        return baseUri is not null && Uri.TryCreate(baseUri, href, out var resolved) ? resolved.ToString() : href;
    }

    /// <summary>A stable id for an item with neither guid nor link: the digest of its title and time.</summary>
    private static string ContentId(string title, DateTimeOffset ts) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{ts:O}")));
}
