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
        _ => throw new ArgumentOutOfRangeException(nameof(observation), observation.GetType().Name, "no event kind for this observation"),
    };

    /// <summary>The observation an envelope carries, or null when it carries something else.</summary>
    public static IObservation? Read(Envelope envelope) => envelope.Type switch
    {
        "price_bar" => envelope.Read(EventKinds.PriceBar),
        "insider_transaction" => envelope.Read(EventKinds.InsiderTransaction),
        "social_post" => envelope.Read(EventKinds.SocialPost),
        "news_item" => envelope.Read(EventKinds.NewsItem),
        _ => null,
    };
}
