using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Fred;

namespace Vanta.Markets.Tests.Collectors.Fred;

/// <summary>FRED observations. <c>Fixtures/DGS10.json</c> is the response example of shared/specs/rss-fred-crypto.md, verbatim.</summary>
public sealed class FredObservationsParserTests
{
    private static readonly FredObservationsParser Parser = new();
    private static readonly string Fixture = Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/Fred/Fixtures/DGS10.json");

    [Fact]
    public void The_spec_example_reads_five_values_and_a_dot_is_missing_not_zero()
    {
        var uri = "https://api.stlouisfed.org/fred/series/observations?series_id=DGS10&file_type=json";
        var result = Parser.Parse(TestData.Document(FredObservationsParser.SourceKind, Fixture, uri));
        var values = result.Observations.Cast<MacroObservation>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal([4.47m, 4.40m, 4.31m, 4.26m, null], values.Select(v => v.Value));
        var first = values[0];
        Assert.Equal(("DGS10", new DateOnly(2024, 6, 10)), (first.SeriesId, first.Date));
        Assert.Equal((new DateOnly(2024, 6, 17), new DateOnly(2024, 6, 17)), (first.RealtimeStart, first.RealtimeEnd));
        Assert.Equal(new DateTimeOffset(2024, 6, 17, 0, 0, 0, TimeSpan.Zero), first.TsEvent);
        Assert.Equal(new DateOnly(2024, 6, 14), values[4].Date);
    }

    [Fact]
    public void The_series_id_falls_back_to_the_file_name()
    {
        var result = Parser.Parse(TestData.Document(FredObservationsParser.SourceKind, Fixture));

        Assert.All(result.Observations.Cast<MacroObservation>(), o => Assert.Equal("DGS10", o.SeriesId));
    }

    [Fact]
    public void A_non_numeric_value_or_bad_date_is_quarantined_by_index_and_the_rest_kept()
    {
        var text = File.ReadAllText(Fixture).Replace("\"4.40\"", "\"n/a\"", StringComparison.Ordinal).Replace("2024-06-12\",\"value", "June 12\",\"value", StringComparison.Ordinal);
        var result = Parser.Parse(TestData.Document("fred", "DGS10.json", Encoding.UTF8.GetBytes(text)));

        Assert.Equal(3, result.Observations.Length);
        Assert.Equal(
            [("DGS10.json#observations[1]", "value 'n/a' is neither a number nor \".\" (missing)"), ("DGS10.json#observations[2]", "'date' is missing or not YYYY-MM-DD")],
            result.Quarantined.Select(q => (q.Location, q.Reason)));
    }

    [Theory]
    [InlineData("{\"error_code\": 400, \"error_message\": \"Bad Request.  The value for variable api_key is not registered.\"}", "FRED error 400: Bad Request.")]
    [InlineData("{\"observations\": [", "not valid JSON")]
    [InlineData("[1,2]", "not FRED observations")]
    public void Errors_and_wrong_shapes_are_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document("fred", "DGS10.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }
}
