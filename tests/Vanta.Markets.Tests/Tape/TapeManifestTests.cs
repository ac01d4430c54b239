using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Tape;

public sealed class TapeManifestTests
{
    private const string Valid = """
        { "name": "t", "from": "2016-01-01", "to": "2016-12-31", "recorded_at": "2017-01-01T00:00:00Z",
          "sources": [ { "kind": "lean-daily", "path": "bars" }, { "kind": "reddit-listing", "path": "r/x.json" } ] }
        """;

    [Fact]
    public void Loads_the_sample_tape_manifest()
    {
        var loaded = TapeManifest.Load(TestData.SampleTape);

        Assert.True(loaded.IsValid, loaded.Error);
        var manifest = loaded.Manifest;
        Assert.Equal("vanta-sample-2016-2019", manifest.Name);
        Assert.Equal((new DateOnly(2016, 1, 1), new DateOnly(2019, 12, 31)), (manifest.From, manifest.To));
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), manifest.RecordedAt);
        Assert.Equal<TapeSource>(
            [new TapeSource("lean-daily", "lean/daily"), new TapeSource("sec-form4", "sec/form4"), new TapeSource("reddit-listing", "reddit")],
            manifest.Sources.AsEnumerable());
        Assert.Equal(Path.GetFullPath(TestData.SampleTape), manifest.Directory);
    }

    [Fact]
    public void A_valid_manifest_in_a_temp_folder_loads()
    {
        using var temp = new TempFolder();
        temp.Write("tape.json", Valid);

        Assert.True(TapeManifest.Load(temp.Path).IsValid);
    }

    [Fact]
    public void A_missing_manifest_is_reported_with_its_path()
    {
        using var temp = new TempFolder();
        var loaded = TapeManifest.Load(temp.Path);

        Assert.False(loaded.IsValid);
        Assert.Equal($"{Path.Combine(temp.Path, "tape.json")}: tape manifest not found", loaded.Error);
    }

    [Theory]
    [InlineData("{ \"name\": ", "not valid JSON")]
    [InlineData("[]", "the manifest must be a JSON object")]
    [InlineData("""{ "from": "2016-01-01" }""", "'name' is missing or not a string")]
    [InlineData("""{ "name": "t", "from": "2016-13-01" }""", "'from' is missing or not a yyyy-mm-dd date")]
    [InlineData("""{ "name": "t", "from": "2016-02-01", "to": "2016-01-01" }""", "'to' is before 'from'")]
    [InlineData("""{ "name": "t", "from": "2016-01-01", "to": "2016-12-31", "recorded_at": "soon" }""", "'recorded_at' is missing or not an ISO-8601 time")]
    [InlineData("""{ "name": "t", "from": "2016-01-01", "to": "2016-12-31", "recorded_at": "2017-01-01T00:00:00Z", "sources": [] }""", "'sources' is empty")]
    [InlineData("""{ "name": "t", "from": "2016-01-01", "to": "2016-12-31", "recorded_at": "2017-01-01T00:00:00Z", "sources": [ { "kind": "lean-daily", "path": "a" }, { "kind": "csv-bars", "path": "b" } ] }""", "'sources[1].kind' is 'csv-bars', not one of bars-csv, bybit-kline, coinbase-advanced-candles, coinbase-candles, coingecko-price, fred, lean-daily, reddit, reddit-comments, reddit-listing, rss, sec-13f, sec-atom, sec-form4, sec-full-submission, sec-submissions")]
    [InlineData("""{ "name": "t", "from": "2016-01-01", "to": "2016-12-31", "recorded_at": "2017-01-01T00:00:00Z", "sources": [ { "kind": "sec-form4" } ] }""", "'sources[0].path' is missing or not a string")]
    [InlineData("""{ "name": "t", "from": "2016-01-01", "to": "2016-12-31", "recorded_at": "2017-01-01T00:00:00Z", "sources": [ { "kind": "sec-form4", "path": "../elsewhere" } ] }""", "'sources[0].path' ('../elsewhere') must be a relative path inside the tape")]
    public void A_bad_manifest_is_reported_naming_the_field(string json, string error)
    {
        using var temp = new TempFolder();
        var file = temp.Write("tape.json", json);
        var loaded = TapeManifest.Load(temp.Path);

        Assert.False(loaded.IsValid);
        Assert.StartsWith($"{file}: {error}", loaded.Error);
    }
}
