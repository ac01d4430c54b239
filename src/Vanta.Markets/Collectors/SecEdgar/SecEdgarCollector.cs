using System.Runtime.CompilerServices;
using System.Xml;
using Vanta.Http;

namespace Vanta.Markets.Collectors.SecEdgar;

/// <summary>What the EDGAR collector follows.</summary>
/// <param name="Forms">Exact form types to follow from the feed (<c>type=4</c> also lists 4/A).</param>
/// <param name="SubmissionCiks">CIKs whose submissions JSON is fetched on each run.</param>
public sealed record SecEdgarOptions(IReadOnlyList<string> Forms, IReadOnlyList<long> SubmissionCiks)
{
    /// <summary>Form 4 and its amendments, no submissions.</summary>
    public static SecEdgarOptions Form4 { get; } = new(["4", "4/A"], []);
}

/// <summary>
/// SEC EDGAR: pages of the current-filings Atom feed, then each new filing's full-submission text
/// (deduplicated on accession number: the feed lists a Form 4 once per reporting owner and once for
/// the issuer), then the submissions JSON of configured CIKs. The User-Agent and the 10 requests/s
/// limit come from the client's SEC policy.
/// </summary>
public sealed class SecEdgarCollector(PoliteHttpClient http, SecEdgarEndpoints endpoints, SecEdgarOptions options) : ICollector
{
    /// <summary>Source kinds stamped on what this collector fetches.</summary>
    public const string FeedSource = "sec-atom", FilingSource = "sec-full-submission", SubmissionsSource = "sec-submissions";

    private static readonly XmlReaderSettings Xml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public string Name => "sec-edgar";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var formType = options.Forms.Count > 0 ? options.Forms[0] : "4";
        for (var page = 0; page < request.MaxPages; page++)
        {
            var feed = await http.FetchAsync(new FetchRequest(FeedSource, endpoints.CurrentFilings(formType, page * request.PageSize, request.PageSize)), cancellationToken);
            yield return feed;
            if (feed is not FetchResult.Fetched fetched)
                break;
            var entries = Entries(fetched.Document.Content);
            foreach (var entry in entries.Where(e => options.Forms.Contains(e.Form) && seen.Add(e.Accession)))
            {
                if (endpoints.FullSubmission(entry.IndexHref) is { } filing)
                    yield return await http.FetchAsync(new FetchRequest(FilingSource, filing), cancellationToken);
            }
            if (entries.Count < request.PageSize)
                break;
        }
        foreach (var cik in options.SubmissionCiks)
            yield return await http.FetchAsync(new FetchRequest(SubmissionsSource, endpoints.Submissions(cik)), cancellationToken);
    }

    /// <summary>
    /// Just what is needed to follow the feed (form, accession, index link). Parsing the feed into
    /// observations is the feed parser's job; a feed this cannot read yields no filings, and the feed
    /// document itself is already journaled for that parser to quarantine.
    /// </summary>
    private static List<FeedEntry> Entries(byte[] content)
    {
        var entries = new List<FeedEntry>();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), Xml);
            string? form = null, accession = null, href = null;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "entry")
                {
                    if (form is not null && accession is not null && href is not null)
                        entries.Add(new FeedEntry(form, accession, href));
                    (form, accession, href) = (null, null, null);
                }
                if (reader.NodeType != XmlNodeType.Element || reader.Depth < 2)
                    continue;
                switch (reader.LocalName)
                {
                    case "category":
                        form = reader.GetAttribute("term");
                        break;
                    case "link":
                        href = reader.GetAttribute("href");
                        break;
                    case "id":
                        var id = reader.ReadElementContentAsString();
                        var at = id.IndexOf("accession-number=", StringComparison.Ordinal);
                        accession = at < 0 ? null : id[(at + "accession-number=".Length)..].Trim();
                        break;
                }
            }
        }
        catch (XmlException)
        {
            return entries;
        }
        return entries;
    }

    private sealed record FeedEntry(string Form, string Accession, string IndexHref);
}
