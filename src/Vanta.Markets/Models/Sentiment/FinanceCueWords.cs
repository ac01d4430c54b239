namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// Hand-written finance cue words (analyst actions, price moves, corporate events), fixed domain knowledge and not
/// learnt from any labelled rows. A text that holds one gets a marker word, so the classifier can share what it
/// learns about common cues with rare synonyms.
/// </summary>
internal static class FinanceCueWords
{
    public const string BearishMarker = "zzfbear";

    public const string BullishMarker = "zzfbull";

    public static readonly IReadOnlySet<string> Bearish = Expand(
        "downgrade cut trim slash lower reduce miss plunge tumble sink sank sunk slump drop fall fell fallen decline slide slid dive dove crash "
        + "plummet selloff weak weaker weakness weakest loss losses lose lost warn warning recall halve delist bankruptcy bankrupt default layoff "
        + "lawsuit sue probe investigate investigation fine penalty fraud scandal resign oust underperform underweight bearish concern fear worry "
        + "worst low lows lowest slowdown recession disappoint shortfall suspend halt delay downbeat gloomy pessimistic pressure hurt drag struggle "
        + "tank crater collapse retreat skid lag deficit shrink contraction sour fail reject cancel strike protest negative outflow headwind glut "
        + "slowing slow sluggish tumult turmoil crisis plunging bleak dim dims erase wipe shed sheds hit hits slip slips sag ease eases pare "
        + "downside caution cautious avoid trouble troubled charges charged accuse allegation layoffs jobcuts impairment writedown writeoff "
        + "dilution dilutive missed misses");

    public static readonly IReadOnlySet<string> Bullish = Expand(
        "upgrade raise boost lift hike beat top surge soar jump rally climb gain rise rose risen advance rebound recover record high highs higher "
        + "highest strong stronger strongest strength outperform overweight buy bullish upside growth grow profit profitable win won award approve "
        + "approval expand expansion buyback repurchase dividend optimistic upbeat positive tailwind exceed surpass accelerate improve boom "
        + "breakout spike skyrocket best success successful praise bolster robust solid soaring jumps tops beats raises lifts boosts hikes "
        + "accretive momentum outpace");

    private static HashSet<string> Expand(string words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            set.Add(word);
            foreach (var suffix in (ReadOnlySpan<string>)["s", "es", "ed", "d", "ing"])
                set.Add(word + suffix);
            if (word.EndsWith('e'))
                set.Add(word[..^1] + "ing");
            if (word.EndsWith('y'))
            {
                set.Add(word[..^1] + "ies");
                set.Add(word[..^1] + "ied");
            }
            var last = word[^1];
            if ("bdgmnprt".Contains(last, StringComparison.Ordinal) && word.Length <= 4)
            {
                set.Add(word + last + "ed");
                set.Add(word + last + "ing");
            }
        }
        return set;
    }
}
