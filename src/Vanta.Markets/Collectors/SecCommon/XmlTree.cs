using System.Xml;
using System.Xml.Linq;

namespace Vanta.Markets.Collectors.SecCommon;

/// <summary>
/// Builds an element tree from a reader, refusing nesting deeper than EDGAR documents ever go: a hostile
/// body of nested elements is stopped at the limit instead of being built. Namespace declarations and
/// insignificant white space are not kept; names carry their resolved namespaces.
/// </summary>
internal static class XmlTree
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public static XElement Load(XmlReader reader, int maxDepth)
    {
        reader.MoveToContent();
        var open = new Stack<XElement>();
        XElement? root = null;
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth > maxDepth)
                    {
                        var info = reader as IXmlLineInfo;
                        throw new XmlException($"elements nest deeper than {maxDepth} levels", null, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
                    }
                    var element = new XElement(XNamespace.Get(reader.NamespaceURI) + reader.LocalName);
                    AddAttributes(reader, element);
                    if (open.TryPeek(out var parent))
                        parent.Add(element);
                    else
                        root = element;
                    if (!reader.IsEmptyElement)
                        open.Push(element);
                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    if (open.TryPeek(out var holder))
                        holder.Add(new XText(reader.Value));
                    break;
                default:
                    break;
            }
        }
        while (reader.Read() && (open.Count > 0 || reader.NodeType != XmlNodeType.EndElement));
        // Read to the end so that anything malformed after the root is reported too.
        while (reader.Read())
        {
        }
        return root ?? throw new XmlException("the document has no root element");
    }

    private static void AddAttributes(XmlReader reader, XElement element)
    {
        if (!reader.MoveToFirstAttribute())
            return;
        do
        {
            if (reader.NamespaceURI != XmlnsNamespace)
                element.SetAttributeValue(XNamespace.Get(reader.NamespaceURI) + reader.LocalName, reader.Value);
        }
        while (reader.MoveToNextAttribute());
        reader.MoveToElement();
    }
}
