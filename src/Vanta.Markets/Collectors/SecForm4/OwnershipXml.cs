using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>
/// Reading helpers for EDGAR ownership XML. Elements are matched by local name because some filer
/// software adds a default namespace; values sit either directly in an element or in its <c>value</c> child.
/// </summary>
internal static class OwnershipXml
{
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Children(this XElement element, string name) =>
        element.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The trimmed text of an element, or null when it is absent or empty.</summary>
    public static string? Text(this XElement? element)
    {
        var text = element?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The trimmed text of the <c>value</c> child, or null when absent or empty (e.g. footnote-only).</summary>
    public static string? ValueText(this XElement? element) => element?.Child("value").Text();

    /// <summary>True for the flag spellings filers use: <c>1</c> and <c>true</c>.</summary>
    public static bool Flag(this XElement? element) => element.Text() is "1" or "true" or "True";

    public static bool TryParseDate(string text, out DateOnly date)
    {
        // Some filers append a zone offset (2019-08-24-05:00); the calendar date is the first ten characters.
        var head = text.Length >= 10 ? text[..10] : text;
        return DateOnly.TryParseExact(head, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);

    /// <summary>The document's footnotes by id, with runs of white space collapsed.</summary>
    public static ImmutableSortedDictionary<string, string> Footnotes(XElement root)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var note in root.Child("footnotes")?.Children("footnote") ?? [])
        {
            var id = note.Attribute("id")?.Value.Trim();
            if (!string.IsNullOrEmpty(id))
                builder[id] = string.Join(' ', note.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        return builder.ToImmutable();
    }

    /// <summary>The distinct footnote ids referenced under <paramref name="element"/>, in document order.</summary>
    public static ImmutableArray<string> FootnoteIds(XElement element) =>
        [.. element.Descendants()
            .Where(e => e.Name.LocalName == "footnoteId")
            .Select(e => e.Attribute("id")?.Value.Trim() ?? "")
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)];
}
