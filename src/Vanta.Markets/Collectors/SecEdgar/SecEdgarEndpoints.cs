using System.Globalization;

namespace Vanta.Markets.Collectors.SecEdgar;

/// <summary>EDGAR's URLs, with configurable bases so tests can point them at a stand-in server.</summary>
/// <param name="WwwBase">Default <c>https://www.sec.gov/</c> (feeds and archives).</param>
/// <param name="DataBase">Default <c>https://data.sec.gov/</c> (submissions JSON).</param>
public sealed record SecEdgarEndpoints(Uri WwwBase, Uri DataBase)
{
    /// <summary>The real hosts.</summary>
    public static SecEdgarEndpoints Live { get; } = new(new Uri("https://www.sec.gov/"), new Uri("https://data.sec.gov/"));

    /// <summary>The current-filings Atom feed for one form type, one page.</summary>
    public Uri CurrentFilings(string formType, int start, int count) =>
        new(WwwBase, string.Create(CultureInfo.InvariantCulture,
            $"cgi-bin/browse-edgar?action=getcurrent&type={Uri.EscapeDataString(formType)}&company=&dateb=&owner=include&start={start}&count={count}&output=atom"));

    /// <summary>The submissions JSON of a CIK (zero-padded to 10 digits).</summary>
    public Uri Submissions(long cik) => new(DataBase, string.Create(CultureInfo.InvariantCulture, $"submissions/CIK{cik:D10}.json"));

    /// <summary>
    /// The full-submission text file of a filing, from the feed's index link
    /// (<c>/Archives/edgar/data/{cik}/{acc}/{accession}-index.htm</c> → <c>.../{accession}.txt</c>); it wraps
    /// the ownership XML and is one request per filing, where the index page would take two.
    /// </summary>
    public Uri? FullSubmission(string indexHref)
    {
        if (!Uri.TryCreate(WwwBase, indexHref, out var index) || !index.AbsolutePath.EndsWith("-index.htm", StringComparison.Ordinal))
            return null;
        var path = index.AbsolutePath[..^"-index.htm".Length] + ".txt";
        return new Uri(WwwBase, path.TrimStart('/'));
    }
}
