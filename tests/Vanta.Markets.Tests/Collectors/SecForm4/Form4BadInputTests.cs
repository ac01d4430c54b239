using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecAtom;
using Vanta.Markets.Collectors.SecForm4;
using Vanta.Markets.Tests.Collectors.SecCommon;

namespace Vanta.Markets.Tests.Collectors.SecForm4;

/// <summary>Broken copies of real filings, written to a temporary folder and read back as a collector would.</summary>
public sealed class Form4BadInputTests : IDisposable
{
    private static readonly Form4Parser Parser = new();
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Real => TestData.Shared("sec/ownership/form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml");

    private ParseResult ParseCopy(string name, byte[] bytes)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllBytes(path, bytes);
        return Parser.Parse(TestData.Document(Form4Parser.SourceKind, path));
    }

    [SharedDataFact]
    public void Truncated_xml_is_quarantined_with_the_line_of_the_fault()
    {
        var bytes = File.ReadAllBytes(Real);
        var result = ParseCopy("truncated.xml", bytes[..(bytes.Length / 2)]);

        Assert.Empty(result.Observations);
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal("truncated.xml#/", entry.Location);
        Assert.Matches("^not well-formed XML: .*Line \\d+", entry.Reason);
    }

    [SharedDataFact]
    public void Invalid_utf8_bytes_are_quarantined_not_replaced()
    {
        var bytes = File.ReadAllBytes(Real);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("WILLIAMS", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        var result = ParseCopy("badutf8.xml", bytes);

        Assert.Empty(result.Observations);
        Assert.StartsWith("not well-formed XML", Assert.Single(result.Quarantined).Reason);
    }

    [SharedDataFact]
    public void A_wrong_root_element_is_named()
    {
        var xml = File.ReadAllText(Real).Replace("ownershipDocument>", "edgarSubmission>", StringComparison.Ordinal);
        var result = ParseCopy("root.xml", Encoding.UTF8.GetBytes(xml));

        Assert.Empty(result.Observations);
        Assert.Equal("root element is 'edgarSubmission', not 'ownershipDocument'", Assert.Single(result.Quarantined).Reason);
    }

    [SharedDataFact]
    public void A_20_mb_body_is_refused_by_size_before_parsing()
    {
        var real = File.ReadAllText(Real);
        var padding = new string(' ', 20 * 1024 * 1024);
        var body = real.Replace("</ownershipDocument>", "<remarks>" + padding + "</remarks></ownershipDocument>", StringComparison.Ordinal);
        var result = ParseCopy("huge.xml", Encoding.UTF8.GetBytes(body));

        Assert.Empty(result.Observations);
        Assert.Contains("over the 8388608-byte limit", Assert.Single(result.Quarantined).Reason, StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void A_deeply_nested_body_under_the_size_limit_is_still_bounded()
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", 200_000)) + string.Concat(Enumerable.Repeat("</a>", 200_000));
        var result = ParseCopy("nested.xml", Encoding.UTF8.GetBytes("<ownershipDocument>" + nested + "</ownershipDocument>"));

        Assert.Empty(result.Observations);
        Assert.Contains("elements nest deeper than 32 levels", Assert.Single(result.Quarantined).Reason, StringComparison.Ordinal);
    }

    [SecDataTheory]
    [InlineData("sec_rate_limit_exceeded_page.html", "SEC rate-limit page")]
    [InlineData("getcurrent_past_end_maintenance_page.html", "EDGAR maintenance page")]
    public void An_html_page_where_xml_was_expected_is_named(string page, string reason)
    {
        var result = ParseCopy("page.xml", File.ReadAllBytes(TestData.Shared("sec/feeds/" + page)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }

    [SharedDataFact]
    public void Non_numeric_shares_and_missing_shares_quarantine_their_rows_only()
    {
        var xml = File.ReadAllText(Real)
            .Replace("<value>13433</value>", "<value>thirteen</value>", StringComparison.Ordinal)
            .Replace("<value>1550</value>", "", StringComparison.Ordinal);
        var result = ParseCopy("rows.xml", Encoding.UTF8.GetBytes(xml));

        Assert.Equal([18_256m, 8_601m, 14_571m], result.Observations.Cast<InsiderTransaction>().Select(t => t.Shares));
        Assert.Equal(2, result.Quarantined.Length);
        Assert.EndsWith("nonDerivativeTransaction[1]/transactionAmounts/transactionShares/value", result.Quarantined[0].Location);
        Assert.EndsWith("nonDerivativeTransaction[5]/transactionAmounts/transactionShares/value", result.Quarantined[1].Location);
    }

    [Fact]
    public void The_atom_parser_refuses_a_20_mb_body_too()
    {
        var body = new byte[20 * 1024 * 1024];
        Array.Fill(body, (byte)' ');
        var result = new SecAtomParser().Parse(TestData.Document(SecAtomParser.SourceKind, "big.atom", body));

        Assert.Contains("over the", Assert.Single(result.Quarantined).Reason, StringComparison.Ordinal);
    }
}
