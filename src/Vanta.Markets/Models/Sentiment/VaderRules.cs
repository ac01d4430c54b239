using System.Collections.Frozen;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// The constants and word lists of VADER (Hutto and Gilbert 2014) exactly as in cjhutto/vaderSentiment
/// (<c>vaderSentiment.py</c>, commit 44fc044cd877): boosters and dampeners, negations, special-case idioms.
/// </summary>
internal static class VaderRules
{
    /// <summary>Empirical mean rating increase for a booster word.</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>Empirical mean rating decrease for a dampener word.</summary>
    public const double BoosterDecrement = -0.293;

    /// <summary>Empirical mean rating increase for a word in ALL CAPS while others are not.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>Multiplier applied to a negated valence.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>The normalisation constant of the compound score: x / sqrt(x^2 + alpha).</summary>
    public const double Alpha = 15;

    public static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ], StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, double> Boosters = BuildBoosters();

    /// <summary>Idioms and phrases that contain lexicon words and replace their valence.</summary>
    public static readonly FrozenDictionary<string, double> SpecialCases = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["the shit"] = 3,
        ["the bomb"] = 3,
        ["bad ass"] = 1.5,
        ["badass"] = 1.5,
        ["bus stop"] = 0.0,
        ["yeah right"] = -2,
        ["kiss of death"] = -1.5,
        ["to die for"] = 3,
        ["beating heart"] = 3.1,
        ["broken heart"] = -2.9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>A lower-cased word is a negation: in the list, or containing "n't".</summary>
    public static bool IsNegation(string lowerWord) =>
        Negations.Contains(lowerWord) || lowerWord.Contains("n't", StringComparison.Ordinal);

    private static FrozenDictionary<string, double> BuildBoosters()
    {
        string[] up =
        [
            "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
            "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
            "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
            "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging",
            "greatly", "hella", "highly", "hugely", "incredible", "incredibly", "intensely",
            "major", "majorly", "more", "most", "particularly", "purely", "quite", "really", "remarkably",
            "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously",
            "uber", "unbelievably", "unusually", "utter", "utterly", "very",
        ];
        string[] down =
        [
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
            "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly",
            "scarce", "scarcely", "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of",
        ];
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var word in up)
            map[word] = BoosterIncrement;
        foreach (var word in down)
            map[word] = BoosterDecrement;
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
