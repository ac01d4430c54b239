using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Reflection.Evaluation;

namespace Vanta.Markets.Tests.Reflection.Stacking;

public sealed class ModelLayerTests
{
    private static List<ConvictionVector> Run(IReadOnlyList<PriceBar> bars)
    {
        var layer = ModelLayer.CreateDefault(new VaderSentiment());
        var convictions = new List<ConvictionVector>();
        var i = 0;
        foreach (var bar in bars)
            convictions.AddRange(layer.Update(new Observed<IObservation>(new EventId("bar" + i++), bar)));
        return convictions;
    }

    private static List<PriceBar> SampleBars(int symbols) =>
        [.. BarDirectory.Load(Path.Combine(TestData.SampleTape, "lean", "daily"), TestData.FetchedAt).Bars
            .Where(b => string.CompareOrdinal(b.Symbol, "C") < 0 || symbols > 3)
            .OrderBy(b => b.TsEvent).ThenBy(b => b.Symbol, StringComparer.Ordinal)];

    [Fact]
    public void Every_conviction_adds_up_names_its_models_and_explains_itself_and_replays_identically()
    {
        var bars = SampleBars(3);
        var first = Run(bars);
        var second = Run(bars);

        Assert.NotEmpty(first);
        Assert.Equal(first.Select(c => (c.SignalId, c.ConvictionScore, c.Rationale)), second.Select(c => (c.SignalId, c.ConvictionScore, c.Rationale)));
        Assert.All(first, c =>
        {
            Assert.Equal(c.ConvictionScore, c.ReasonVector.Values.Sum());
            Assert.InRange(c.ConvictionScore, -1m, 1m);
            Assert.Subset(c.ContributingModels.Keys.ToHashSet(), c.ReasonVector.Keys.ToHashSet());
            Assert.StartsWith(c.Symbol + " ", c.Rationale);
            Assert.True(c.ExpiresAt > c.IssuedAt);
        });
    }

    [Fact]
    public void A_conviction_never_depends_on_bars_after_it()
    {
        var bars = SampleBars(3);
        var cut = bars[bars.Count / 2].TsEvent;
        var full = Run(bars).Where(c => c.IssuedAt <= cut).ToList();
        var truncated = Run([.. bars.Where(b => b.TsEvent <= cut)]);

        Assert.Equal(truncated.Select(c => (c.Symbol, c.IssuedAt, c.ConvictionScore)), full.Select(c => (c.Symbol, c.IssuedAt, c.ConvictionScore)));
    }

    [Fact]
    public void Bad_bars_never_reach_a_score()
    {
        var bars = SampleBars(3);
        var good = bars[100];
        var bad = new[]
        {
            good with { Close = 0m, Open = 0m, Low = 0m, High = 0m, TsEvent = good.TsEvent.AddMinutes(1) },
            good with { High = good.Low - 1m, TsEvent = good.TsEvent.AddMinutes(2) },
            good with { TsEvent = good.TsEvent.AddDays(-1), Start = good.Start.AddDays(-1) },
        };
        var layer = ModelLayer.CreateDefault(new VaderSentiment());
        var i = 0;
        foreach (var bar in bars.Take(101))
            layer.Update(new Observed<IObservation>(new EventId("b" + i++), bar));

        foreach (var bar in bad)
            Assert.Empty(layer.Update(new Observed<IObservation>(new EventId("x" + i++), bar)));
        Assert.Equal(3, layer.Features.Rejections.Total);
    }
}
