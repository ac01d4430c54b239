using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Models;

namespace Vanta.Markets.Features;

/// <summary>Options of <see cref="SocialFeatureComputer"/>.</summary>
/// <param name="Ttl">Validity of the values (default 1 day, the window they describe).</param>
/// <param name="MinDailyBaseline">Floor of the trailing daily mean in the velocity ratio (default 1 mention a day), so a
/// symbol nobody talked about last week does not divide by zero.</param>
/// <param name="MaxMentionsPerSymbol">Mentions kept per symbol; beyond it the oldest go first (bounded memory).</param>
public sealed record SocialFeatureOptions(FeatureTtl? Ttl = null, decimal MinDailyBaseline = 1m, int MaxMentionsPerSymbol = 100_000)
{
    internal FeatureTtl Ttls => Ttl ?? new FeatureTtl(TimeSpan.FromDays(1));
}

/// <summary>
/// Social features from <see cref="SocialPost"/>s and <see cref="NewsItem"/>s, per symbol they name. A post's text
/// (title and body, or headline and summary) is scored once by the <see cref="ITextSentimentModel"/> (clamped to
/// [-1, 1]); each of its symbols gets a mention at the post's event time, weighted by its <see cref="Attention"/>.
/// At each mention, as of its time t, over the 24 hours (t - 1d, t] the computer writes: weighted mentions,
/// mention velocity (weighted mentions over the daily mean of the seven days (t - 8d, t - 1d] before them, that
/// mean floored at <see cref="SocialFeatureOptions.MinDailyBaseline"/>), the attention-weighted mean and population
/// standard deviation of sentiment (left out when all weights are zero), and the share of mentions, counted not
/// weighted, from swarm-flagged posts. A post with no text is refused (<see cref="FeatureRejectReason.EmptyText"/>):
/// never scored as neutral, never counted as a mention. A post that arrives after later ones is kept in event-time
/// order; values already written for later times are not revised.
/// </summary>
public sealed class SocialFeatureComputer : IFeatureComputer
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly TimeSpan Kept = TimeSpan.FromDays(8);

    private readonly ITextSentimentModel _sentiment;
    private readonly SocialFeatureOptions _options;
    private readonly Dictionary<string, List<Mention>> _symbols = new(StringComparer.Ordinal);

    public SocialFeatureComputer(ITextSentimentModel sentiment, SocialFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sentiment);
        _sentiment = sentiment;
        _options = options ?? new SocialFeatureOptions();
        _options.Ttls.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.MinDailyBaseline, 0m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.MaxMentionsPerSymbol);
    }

    public FeatureUpdate Update(Observed<IObservation> observation, Attention attention, IFeatureStore store)
    {
        var (text, symbols) = observation.Value switch
        {
            SocialPost p => (Join(p.Title, p.Body), p.Symbols),
            NewsItem n => (Join(n.Title, n.Summary), n.Symbols),
            _ => ((string?)null, default),
        };
        if (text is null)
            return FeatureUpdate.Ignored;
        if (text.Length == 0)
            return FeatureUpdate.Reject(FeatureRejectReason.EmptyText);
        if (symbols.IsDefaultOrEmpty)
            return FeatureUpdate.Reject(FeatureRejectReason.NoSymbol);

        var at = observation.Value.TsEvent;
        var score = Math.Clamp(_sentiment.Score(text), -1m, 1m);
        var mention = new Mention(at, Math.Max(attention.Weight, 0m), attention.Swarm, score);
        var written = 0;
        foreach (var symbol in symbols.Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal))
        {
            if (!_symbols.TryGetValue(symbol, out var mentions))
                _symbols.Add(symbol, mentions = []);
            Insert(mentions, mention);
            written += Write(symbol, mentions, at, store);
        }
        return FeatureUpdate.Wrote(written);
    }

    private int Write(string symbol, List<Mention> mentions, DateTimeOffset now, IFeatureStore store)
    {
        decimal recent = 0m, trailing = 0m, weightedScore = 0m;
        int count = 0, swarm = 0;
        foreach (var m in mentions)
        {
            if (m.At > now || m.At <= now - Kept)
                continue;
            if (m.At <= now - Day)
            {
                trailing += m.Weight;
                continue;
            }
            recent += m.Weight;
            weightedScore += m.Weight * m.Sentiment;
            count++;
            swarm += m.Swarm ? 1 : 0;
        }

        if (count == 0)
            return 0; // a late mention already older than the kept window: nothing complete to say at its time.
        var written = 0;
        void Put(string name, decimal value)
        {
            store.Put(symbol, name, FeatureMath.Round(value), now, _options.Ttls.For(name));
            written++;
        }

        Put(FeatureNames.Mentions1d, recent);
        Put(FeatureNames.MentionVelocity1d, recent / Math.Max(trailing / 7m, _options.MinDailyBaseline));
        Put(FeatureNames.SwarmShare1d, (decimal)swarm / count);
        if (recent > 0m)
        {
            var mean = weightedScore / recent;
            var squares = 0m;
            foreach (var m in mentions)
            {
                if (m.At <= now && m.At > now - Day)
                    squares += m.Weight * (m.Sentiment - mean) * (m.Sentiment - mean);
            }
            Put(FeatureNames.SentimentMean1d, mean);
            Put(FeatureNames.SentimentDispersion1d, FeatureMath.Sqrt(squares / recent));
        }
        return written;
    }

    /// <summary>Keeps the list in event-time order (arrival order among equal times) and within its bounds.</summary>
    private void Insert(List<Mention> mentions, Mention mention)
    {
        var i = mentions.Count;
        while (i > 0 && mentions[i - 1].At > mention.At)
            i--;
        mentions.Insert(i, mention);
        var newest = mentions[^1].At;
        var stale = 0;
        while (stale < mentions.Count && mentions[stale].At <= newest - Kept)
            stale++;
        stale = Math.Max(stale, mentions.Count - _options.MaxMentionsPerSymbol);
        if (stale > 0)
            mentions.RemoveRange(0, stale);
    }

    private static string Join(string title, string body) =>
        (string.IsNullOrWhiteSpace(title), string.IsNullOrWhiteSpace(body)) switch
        {
            (true, true) => "",
            (false, true) => title.Trim(),
            (true, false) => body.Trim(),
            _ => title.Trim() + "\n" + body.Trim(),
        };

    private readonly record struct Mention(DateTimeOffset At, decimal Weight, bool Swarm, decimal Sentiment);
}
