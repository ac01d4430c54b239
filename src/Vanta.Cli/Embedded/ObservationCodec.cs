using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Cli.Embedded;

/// <summary>Maps observation records to and from their envelopes.</summary>
public static class ObservationCodec
{
    public static Envelope Wrap(IObservation observation, DateTimeOffset tsInit, Producer producer, EventId parent) => observation switch
    {
        PriceBar bar => Envelope.Create(EventKinds.PriceBar, bar, bar.TsEvent, tsInit, producer, [parent]),
        InsiderTransaction trade => Envelope.Create(EventKinds.InsiderTransaction, trade, trade.TsEvent, tsInit, producer, [parent]),
        SocialPost post => Envelope.Create(EventKinds.SocialPost, post, post.TsEvent, tsInit, producer, [parent]),
        NewsItem news => Envelope.Create(EventKinds.NewsItem, news, news.TsEvent, tsInit, producer, [parent]),
        FilingNotice filing => Envelope.Create(EventKinds.FilingNotice, filing, filing.TsEvent, tsInit, producer, [parent]),
        InstitutionalHolding holding => Envelope.Create(EventKinds.InstitutionalHolding, holding, holding.TsEvent, tsInit, producer, [parent]),
        MacroObservation macro => Envelope.Create(EventKinds.MacroObservation, macro, macro.TsEvent, tsInit, producer, [parent]),
        PriceQuote quote => Envelope.Create(EventKinds.PriceQuote, quote, quote.TsEvent, tsInit, producer, [parent]),
        _ => throw new ArgumentOutOfRangeException(nameof(observation), observation.GetType().Name, "no event kind for this observation"),
    };

    /// <summary>The observation an envelope carries, or null when it carries something else.</summary>
    public static IObservation? Read(Envelope envelope) => envelope.Type switch
    {
        "price_bar" => envelope.Read(EventKinds.PriceBar),
        "insider_transaction" => envelope.Read(EventKinds.InsiderTransaction),
        "social_post" => envelope.Read(EventKinds.SocialPost),
        "news_item" => envelope.Read(EventKinds.NewsItem),
        "filing_notice" => envelope.Read(EventKinds.FilingNotice),
        "institutional_holding" => envelope.Read(EventKinds.InstitutionalHolding),
        "macro_observation" => envelope.Read(EventKinds.MacroObservation),
        "price_quote" => envelope.Read(EventKinds.PriceQuote),
        _ => null,
    };
}
