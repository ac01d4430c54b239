using Vanta.Core.Domain;
using Vanta.Markets.Enrichment;

namespace Vanta.Markets.Tests.Enrichment;

public sealed class TemporalSyncTests
{
    private static readonly TemporalSync Sync = TemporalSync.Default;
    private static readonly DateTimeOffset Close = new(2019, 8, 23, 20, 0, 0, TimeSpan.Zero);

    private static PriceBar Bar() => new("AAPL", Close.AddHours(-6.5), Close, 1m, 2m, 0.5m, 1.5m, 100m, "lean");

    /// <summary>A Form 4 row for a trade on Thursday 2019-08-22, made public on Friday.</summary>
    private static InsiderTransaction Form4Row() => DeduplicatorTests.Row("acc", 100m) with
    {
        TransactionDate = new DateOnly(2019, 8, 22),
        TsEvent = new DateTimeOffset(2019, 8, 23, 22, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void A_bar_seen_more_than_a_day_after_it_closed_is_late()
    {
        var onTime = Sync.Annotate(Bar(), Close.AddHours(12));
        var late = Sync.Annotate(Bar(), Close.AddDays(1).AddMinutes(1));

        Assert.Equal(Timeliness.OnTime, onTime.Status);
        Assert.Equal(Timeliness.Late, late.Status);
        Assert.True(late.IsLate);
        Assert.Equal(TemporalSync.Bar, late.SourceKind);
        Assert.Equal(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)), late.Lag);
        Assert.Equal(Close, late.TsEvent);
    }

    [Fact]
    public void A_form4_seen_more_than_two_business_days_after_the_trade_is_late()
    {
        // Thursday trade: Friday and Monday are the two business days; Tuesday is late. The weekend does not count.
        Assert.Equal(Timeliness.OnTime, Sync.Annotate(Form4Row(), new DateTimeOffset(2019, 8, 24, 12, 0, 0, TimeSpan.Zero)).Status);
        Assert.Equal(Timeliness.OnTime, Sync.Annotate(Form4Row(), new DateTimeOffset(2019, 8, 26, 23, 0, 0, TimeSpan.Zero)).Status);
        var late = Sync.Annotate(Form4Row(), new DateTimeOffset(2019, 8, 27, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(Timeliness.Late, late.Status);
        Assert.Equal(new DateTimeOffset(2019, 8, 22, 0, 0, 0, TimeSpan.Zero), late.Reference);
        Assert.Equal(Form4Row().TsEvent, late.TsEvent);
    }

    [Fact]
    public void Data_seen_before_its_event_time_is_flagged_not_rewritten()
    {
        var annotation = Sync.Annotate(Bar(), Close.AddMinutes(-5));

        Assert.Equal(Timeliness.BeforeEvent, annotation.Status);
        Assert.Equal(Close, annotation.TsEvent);
        Assert.Equal(TimeSpan.FromMinutes(-5), annotation.Lag);
    }

    [Fact]
    public void Budgets_are_per_source_kind_with_a_fallback()
    {
        var sync = new TemporalSync(
            new Dictionary<string, LatenessBudget> { [TemporalSync.Quote] = LatenessBudget.Within(TimeSpan.FromSeconds(30)) },
            LatenessBudget.Within(TimeSpan.FromHours(2)));
        var quote = new PriceQuote("BTC", "usd", 1m, null, null, null, Close, "coingecko");

        Assert.Equal(Timeliness.Late, sync.Annotate(quote, Close.AddMinutes(1)).Status);
        Assert.Equal(Timeliness.OnTime, sync.Annotate(Bar(), Close.AddHours(1)).Status);
        Assert.Equal(Timeliness.Late, sync.Annotate(Bar(), Close.AddHours(3)).Status);
    }

    [Theory]
    [InlineData("2019-08-22", "2019-08-22", 0)]
    [InlineData("2019-08-22", "2019-08-23", 1)]
    [InlineData("2019-08-22", "2019-08-25", 1)]
    [InlineData("2019-08-22", "2019-08-26", 2)]
    [InlineData("2019-08-24", "2019-08-26", 1)]
    [InlineData("2019-08-22", "2019-09-05", 10)]
    [InlineData("2019-08-26", "2019-08-22", 0)]
    public void Business_days_count_weekdays_after_the_start_up_to_the_end(string from, string to, int expected) =>
        Assert.Equal(expected, LatenessBudget.BusinessDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
}
