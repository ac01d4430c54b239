using System.Globalization;
using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Models.Direction;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Models.Direction;

/// <summary>Direction fits computed ahead on other cores change nothing the layer outputs.</summary>
public sealed class DirectionPrefitsTests
{
    // The first 6,000 observations of the bundled tape (about 400 trading days of 14 symbols, a dozen fits).
    private static readonly Lazy<IReadOnlyList<IObservation>> Tape = new(() =>
    {
        var replay = new TapeReader().Read(TapeManifest.Load(TestData.SampleTape).Manifest!);
        return [.. replay.Observations.Take(6000).Select(o => o.Observation)];
    });

    private static (string Outputs, int Trainings) Run(IReadOnlyList<IObservation> observations, DirectionPrefits? prefits)
    {
        var layer = ModelLayer.Create(ModelsConfig.Default, new VaderSentiment(), prefits);
        var enricher = PreEnricher.CreateDefault();
        var text = new StringBuilder();
        for (var i = 0; i < observations.Count; i++)
        {
            var enriched = enricher.Process(observations[i], observations[i].TsEvent);
            if (enriched.IsDuplicate)
                continue;
            var id = new EventId("o" + i.ToString(CultureInfo.InvariantCulture));
            foreach (var c in layer.Update(new Observed<IObservation>(id, enriched.Observation), enriched))
                text.Append(CultureInfo.InvariantCulture, $"C|{c.SignalId}|{c.ConvictionScore}|{string.Join(',', c.ReasonVector)}|{c.Rationale}\n");
            foreach (var m in layer.LastScores)
                text.Append(CultureInfo.InvariantCulture, $"M|{m.ModelId}|{m.Symbol}|{m.Score}|{string.Join(',', m.Contributions)}\n");
        }
        var direction = layer.Models.OfType<DirectionModel>().Single();
        return (ContentHash.Sha256Hex(text.ToString()), direction.TrainedOn);
    }

    [Fact]
    public void Fits_taken_from_a_scan_ahead_give_the_same_convictions_and_scores_as_fitting_in_line()
    {
        var inLine = Run(Tape.Value, null);
        var prefits = ModelLayer.StartPrefits(ModelsConfig.Default, Tape.Value)!;

        var ahead = Run(Tape.Value, prefits);

        Assert.Equal(inLine, ahead);
        Assert.True(prefits.Taken >= 10, $"{prefits.Taken} fits taken");
        Assert.Equal(prefits.Started, prefits.Taken);
        Assert.Null(prefits.ScanError);
    }

    [Fact]
    public void A_window_the_scan_did_not_foresee_is_fitted_in_line()
    {
        // The scan sees the tape without its last 2,000 observations: the run's later windows are not there.
        var scanned = Tape.Value.Take(4000).ToList();
        var prefits = ModelLayer.StartPrefits(ModelsConfig.Default, scanned)!;

        var ahead = Run(Tape.Value, prefits);

        Assert.Equal(Run(Tape.Value, null), ahead);
        Assert.InRange(prefits.Taken, 1, prefits.Started);
        Assert.Throws<InvalidOperationException>(() => prefits.Start(scanned));
    }
}
