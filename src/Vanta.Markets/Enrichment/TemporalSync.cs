using System.Collections.Frozen;
using Vanta.Core.Domain;

namespace Vanta.Markets.Enrichment;

/// <summary>
/// Temporal sync: keeps <c>ts_event</c> (when it happened) apart from <c>ts_init</c> (when Vanta saw it) and flags
/// data seen later than its source's <see cref="LatenessBudget"/>. Pure: the same arguments give the same annotation.
/// </summary>
public sealed class TemporalSync
{
    /// <summary>Source kinds, as <see cref="SourceKindOf"/> names them.</summary>
    public const string Bar = "bar", Form4 = "sec-form4", Filing = "sec-filing", Holding = "sec-13f",
        Social = "social", News = "news", Quote = "quote", Macro = "macro", Other = "other";

    private readonly FrozenDictionary<string, LatenessBudget> _budgets;

    /// <summary>A sync with the given budgets per source kind; kinds without one use <paramref name="fallback"/>.</summary>
    public TemporalSync(IReadOnlyDictionary<string, LatenessBudget> budgets, LatenessBudget fallback)
    {
        _budgets = budgets.ToFrozenDictionary(StringComparer.Ordinal);
        Fallback = fallback;
    }

    /// <summary>
    /// Default budgets: a bar 1 day after its close; a Form 3/4/5 row 2 business days after the transaction; a
    /// filing notice, a 13F row, a post, a news item or a macro value 1 day; a spot quote 5 minutes.
    /// </summary>
    public static TemporalSync Default { get; } = new(
        new Dictionary<string, LatenessBudget>(StringComparer.Ordinal)
        {
            [Bar] = LatenessBudget.Within(TimeSpan.FromDays(1)),
            [Form4] = LatenessBudget.WithinBusinessDays(2),
            [Filing] = LatenessBudget.Within(TimeSpan.FromDays(1)),
            [Holding] = LatenessBudget.Within(TimeSpan.FromDays(1)),
            [Social] = LatenessBudget.Within(TimeSpan.FromDays(1)),
            [News] = LatenessBudget.Within(TimeSpan.FromDays(1)),
            [Quote] = LatenessBudget.Within(TimeSpan.FromMinutes(5)),
            [Macro] = LatenessBudget.Within(TimeSpan.FromDays(1)),
        },
        LatenessBudget.Within(TimeSpan.FromDays(1)));

    /// <summary>The budget for kinds without their own.</summary>
    public LatenessBudget Fallback { get; }

    /// <summary>The source kind whose budget applies to <paramref name="observation"/>.</summary>
    public static string SourceKindOf(IObservation observation) => observation switch
    {
        PriceBar => Bar,
        InsiderTransaction => Form4,
        FilingNotice => Filing,
        InstitutionalHolding => Holding,
        SocialPost => Social,
        NewsItem => News,
        PriceQuote => Quote,
        MacroObservation => Macro,
        _ => Other,
    };

    /// <summary>The budget for <paramref name="sourceKind"/>.</summary>
    public LatenessBudget BudgetFor(string sourceKind) => _budgets.GetValueOrDefault(sourceKind, Fallback);

    /// <summary>Annotates <paramref name="observation"/> seen at <paramref name="tsInit"/>.</summary>
    public TemporalAnnotation Annotate(IObservation observation, DateTimeOffset tsInit)
    {
        var reference = observation is InsiderTransaction t
            ? new DateTimeOffset(t.TransactionDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : observation.TsEvent;
        return Annotate(SourceKindOf(observation), observation.TsEvent, tsInit, reference);
    }

    /// <summary>Annotates an event of <paramref name="sourceKind"/> that lateness is measured from <paramref name="reference"/>.</summary>
    public TemporalAnnotation Annotate(string sourceKind, DateTimeOffset tsEvent, DateTimeOffset tsInit, DateTimeOffset reference)
    {
        var budget = BudgetFor(sourceKind);
        var lag = tsInit - reference;
        Timeliness status;
        if (tsInit < tsEvent || lag < TimeSpan.Zero)
            status = Timeliness.BeforeEvent;
        else if (budget.Duration is { } allowed)
            status = lag > allowed ? Timeliness.Late : Timeliness.OnTime;
        else
        {
            var days = LatenessBudget.BusinessDaysBetween(
                DateOnly.FromDateTime(reference.UtcDateTime), DateOnly.FromDateTime(tsInit.UtcDateTime));
            status = days > budget.BusinessDays ? Timeliness.Late : Timeliness.OnTime;
        }
        return new TemporalAnnotation(sourceKind, tsEvent, tsInit, reference, lag, status, budget);
    }
}
