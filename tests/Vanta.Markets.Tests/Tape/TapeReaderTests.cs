using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Tape;

public sealed class TapeReaderTests
{
    private static readonly Lazy<TapeReplay> Sample = new(() => new TapeReader().Read(Load(TestData.SampleTape)));

    private static TapeManifest Load(string directory)
    {
        var loaded = TapeManifest.Load(directory);
        Assert.True(loaded.IsValid, loaded.Error);
        return loaded.Manifest;
    }

    [Fact]
    public void Reads_every_sample_document_verbatim_in_manifest_then_path_order()
    {
        var replay = Sample.Value;

        Assert.Empty(replay.Quarantined);
        Assert.Equal(33, replay.Documents.Length); // 14 factor files, 14 bar files, 3 filings, 2 listings
        Assert.Equal("lean/daily/factor_files/aapl.csv", replay.Documents[0].Uri);
        Assert.Equal("lean/daily/AAPL.csv", replay.Documents[14].Uri);
        Assert.Equal("sec/form4/form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml", replay.Documents[28].Uri);
        Assert.Equal("reddit/api_listing_r_all_comments.json", replay.Documents[31].Uri);
        Assert.Equal(
            ["lean-factor", "lean-daily", "sec-form4", "reddit-listing"],
            replay.Documents.Select(d => d.Source).Distinct());
        Assert.All(replay.Documents, d =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(TestData.SampleTape, d.Uri));
            Assert.Equal(bytes, d.Content);
            Assert.Equal(ContentHash.Sha256Hex(bytes), d.Sha256);
            Assert.Equal(replay.Manifest.RecordedAt, d.FetchedAt);
        });
    }

    [Fact]
    public void Merges_all_observations_into_event_time_order_tagged_with_their_document()
    {
        var replay = Sample.Value;
        var observations = replay.Observations;

        Assert.Equal(14 * 1006, observations.Count(o => o.Observation is PriceBar));
        Assert.Equal(5 + 3 + 6, observations.Count(o => o.Observation is InsiderTransaction));
        Assert.Equal(200, observations.Count(o => o.Observation is SocialPost));
        for (var i = 1; i < observations.Length; i++)
            Assert.True(ObservationOrder.Instance.Compare(observations[i - 1], observations[i]) < 0, $"out of order at {i}");
        Assert.All(observations, o =>
        {
            var document = replay.Documents[o.DocumentIndex];
            if (o.Observation is PriceBar bar)
                Assert.Equal($"lean/daily/{bar.Symbol}.csv", document.Uri);
            if (o.Observation is InsiderTransaction trade)
                Assert.Equal(document.Sha256, trade.DocumentId);
            var day = DateOnly.FromDateTime(o.Observation.TsEvent.UtcDateTime);
            Assert.InRange(day, replay.Manifest.From, replay.Manifest.To);
        });
        // The first event of the tape: the AAPL bar of 2016-01-04 closes at 21:00 UTC, first of 14 bars at that time.
        Assert.Equal(("AAPL", new DateTimeOffset(2016, 1, 4, 21, 0, 0, TimeSpan.Zero)), (observations[0].Observation.Symbol, observations[0].Observation.TsEvent));
    }

    [Fact]
    public void Reading_twice_gives_the_same_bytes()
    {
        static string Render(TapeReplay replay) => string.Join('\n', replay.Observations.Select(o => o.DocumentIndex + ":" + o.Observation switch
        {
            PriceBar b => JsonSerializer.Serialize(b, VantaJsonContext.Default.PriceBar),
            InsiderTransaction t => JsonSerializer.Serialize(t, VantaJsonContext.Default.InsiderTransaction),
            SocialPost p => JsonSerializer.Serialize(p, VantaJsonContext.Default.SocialPost),
            var other => throw new InvalidOperationException(other.GetType().Name),
        }));

        var again = new TapeReader().Read(Load(TestData.SampleTape));

        Assert.Equal(Render(Sample.Value), Render(again));
    }

    [Fact]
    public void Unreadable_sources_and_stray_files_are_quarantined_and_the_rest_read()
    {
        using var temp = new TempFolder();
        temp.Write("tape.json", """
            { "name": "broken", "from": "2019-01-01", "to": "2019-12-31", "recorded_at": "2020-01-01T00:00:00Z",
              "sources": [ { "kind": "lean-daily", "path": "bars" }, { "kind": "sec-form4", "path": "missing" },
                           { "kind": "sec-form4", "path": "sec" } ] }
            """);
        temp.Write("bars/ABC.csv", "Date,Open,High,Low,Close,Volume\n2019-01-02,10,11,9,10.5,100\n2019-01-03,10,9,11,10,100\n");
        temp.Write("bars/notes.txt", "not bars");
        temp.Write("bars/extra/XYZ.csv", "Date,Open,High,Low,Close,Volume\n");
        temp.Write("sec/form.xml", File.ReadAllText(Path.Combine(TestData.SampleTape, "sec", "form4", "form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml")));
        var replay = new TapeReader().Read(Load(temp.Path));

        Assert.Equal(["bars/ABC.csv", "sec/form.xml"], replay.Documents.Select(d => d.Uri));
        Assert.Equal(1 + 3, replay.Observations.Length);
        Assert.Equal(
            [
                ("bars/extra", "unexpected folder in a lean-daily source"),
                ("bars/notes.txt", "not a .csv file, which a lean-daily source holds"),
                ("missing", "source path does not exist"),
                ("bars/ABC.csv:3", "high is below low"),
            ],
            replay.Quarantined.Select(q => (q.Location, q.Reason)));
    }

    [Fact]
    public void At_one_instant_bars_come_before_filings_and_posts_then_symbol_document_position()
    {
        var at = new DateTimeOffset(2019, 5, 6, 22, 0, 0, TimeSpan.Zero);
        var bar = new PriceBar("ZZZ", at, at, 1m, 1m, 1m, 1m, 0m, "test");
        var post = new SocialPost("t3_x", "reddit", "r", "a", "", "", "", 0, at, ["AAA"]);
        var trade = new InsiderTransaction("d", "4", "1", "I", "AAA", "2", "O", "", false, "Common", new DateOnly(2019, 5, 2),
            "S", 1m, 1m, "D", 0m, "D", at, []);
        var sorted = new[]
        {
            new TapeObservation(0, 0, post), new TapeObservation(2, 1, trade), new TapeObservation(2, 0, trade),
            new TapeObservation(1, 0, bar),
        }.Order(ObservationOrder.Instance).ToList();

        Assert.Equal([(1, 0), (2, 0), (2, 1), (0, 0)], sorted.Select(o => (o.DocumentIndex, o.Position)));
    }
}
