using System.Collections.Frozen;
using Vanta.Core.Domain;
using Vanta.Core.Serialization;

namespace Vanta.Core.Envelopes;

/// <summary>
/// The persisted event types. Names and schema versions are frozen: they are written into every
/// journal, and <c>EventKindStabilityTests</c> fails if one changes.
/// </summary>
public static class EventKinds
{
    private static readonly VantaJsonContext Json = VantaJsonContext.Default;

    public static readonly EventKind<RawDocument> RawDocument = new("raw_document", 1, Json.RawDocument);
    public static readonly EventKind<PriceBar> PriceBar = new("price_bar", 1, Json.PriceBar);
    public static readonly EventKind<InsiderTransaction> InsiderTransaction = new("insider_transaction", 1, Json.InsiderTransaction);
    public static readonly EventKind<SocialPost> SocialPost = new("social_post", 1, Json.SocialPost);
    public static readonly EventKind<NewsItem> NewsItem = new("news_item", 1, Json.NewsItem);
    public static readonly EventKind<ConvictionVector> Conviction = new("conviction", 2, Json.ConvictionVector, 1);
    public static readonly EventKind<AllocationIntent> AllocationIntent = new("allocation_intent", 2, Json.AllocationIntent, 1);
    public static readonly EventKind<Order> Order = new("order", 1, Json.Order);
    public static readonly EventKind<OrderEvent> OrderEvent = new("order_event", 1, Json.OrderEvent);
    public static readonly EventKind<Fill> Fill = new("fill", 1, Json.Fill);
    public static readonly EventKind<Position> Position = new("position", 1, Json.Position);
    public static readonly EventKind<PortfolioSnapshot> Portfolio = new("portfolio", 1, Json.PortfolioSnapshot);
    public static readonly EventKind<ConfigDocument> Config = new("config", 1, Json.ConfigDocument);
    public static readonly EventKind<Heartbeat> Heartbeat = new("heartbeat", 1, Json.Heartbeat);
    public static readonly EventKind<QuarantineEntry> Quarantine = new("quarantine", 1, Json.QuarantineEntry);
    public static readonly EventKind<FilingNotice> FilingNotice = new("filing_notice", 1, Json.FilingNotice);
    public static readonly EventKind<InstitutionalHolding> InstitutionalHolding = new("institutional_holding", 1, Json.InstitutionalHolding);
    public static readonly EventKind<MacroObservation> MacroObservation = new("macro_observation", 1, Json.MacroObservation);
    public static readonly EventKind<PriceQuote> PriceQuote = new("price_quote", 1, Json.PriceQuote);
    public static readonly EventKind<SwarmReport> SwarmReport = new("swarm_report", 1, Json.SwarmReport);
    public static readonly EventKind<RiskCheck> RiskCheck = new("risk_check", 1, Json.RiskCheck);
    public static readonly EventKind<TradingStateChange> TradingState = new("trading_state", 1, Json.TradingStateChange);
    public static readonly EventKind<OrderRouted> OrderRouted = new("order_routed", 1, Json.OrderRouted);
    public static readonly EventKind<ReconciliationDifference> Reconciliation = new("reconciliation", 1, Json.ReconciliationDifference);

    /// <summary>Every kind, by persisted name.</summary>
    public static FrozenDictionary<string, IEventKind> ByName { get; } = new IEventKind[]
    {
        RawDocument, PriceBar, InsiderTransaction, SocialPost, NewsItem, Conviction, AllocationIntent,
        Order, OrderEvent, Fill, Position, Portfolio, Config, Heartbeat, Quarantine,
        FilingNotice, InstitutionalHolding, MacroObservation, PriceQuote, SwarmReport,
        RiskCheck, TradingState, OrderRouted, Reconciliation,
    }.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);
}

/// <summary>Bus topic names. A role may publish only its own topics.</summary>
public static class Topics
{
    public const string Raw = "raw";
    public const string Observations = "observations";
    public const string Convictions = "convictions";
    public const string Config = "config";
    public const string Intents = "intents";
    public const string Orders = "orders";
    public const string Executions = "executions";
    public const string Heartbeats = "heartbeats";
    public const string Quarantine = "quarantine";
}
