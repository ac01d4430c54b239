using System.Globalization;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// VADER, the rule-based sentiment scorer of Hutto and Gilbert (2014), ported from cjhutto/vaderSentiment
/// (commit 44fc044cd877): lexicon valences adjusted for boosters and dampeners, negation (including "n't"),
/// the contrastive "but", ALL-CAPS emphasis, exclamation and question marks, "least", "kind of" and the
/// reference's idioms, summed and normalised to the compound score x / sqrt(x^2 + 15).
/// Stateless and thread-safe.
/// </summary>
public sealed partial class VaderSentiment : ITextSentimentModel
{
    /// <summary>The model id.</summary>
    public const string ModelId = "sentiment-vader@1";

    private readonly VaderLexicon _lexicon;

    /// <summary>VADER over the shipped lexicons.</summary>
    public VaderSentiment()
        : this(VaderLexicon.Default)
    {
    }

    /// <summary>VADER over the given lexicons.</summary>
    public VaderSentiment(VaderLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
    }

    /// <inheritdoc/>
    public string Id => ModelId;

    /// <summary>The compound score rounded to 4 decimal places as the reference prints it; 0 for an empty text.</summary>
    public decimal Score(string text) => Round4(Compound(text));

    /// <summary>The unrounded compound score in [-1, 1]; 0 for a text without sentiment-bearing words.</summary>
    public double Compound(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = VaderText.ReplaceEmoji(text, _lexicon);
        var words = VaderText.WordsAndEmoticons(cleaned);
        if (words.Length == 0)
            return 0.0;
        var lower = new string[words.Length];
        for (var i = 0; i < words.Length; i++)
            lower[i] = words[i].ToLowerInvariant();
        var context = new Context(words, lower, VaderText.AllCapDifferential(words));

        var sentiments = new double[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            // Boosters and "kind of" modify their neighbours and carry no valence of their own.
            if (VaderRules.Boosters.ContainsKey(lower[i]))
                continue;
            if (i < words.Length - 1 && lower[i] == "kind" && lower[i + 1] == "of")
                continue;
            sentiments[i] = Valence(context, i);
        }
        ButCheck(lower, sentiments);
        return ScoreValence(sentiments, cleaned);
    }

    private static double ScoreValence(double[] sentiments, string text)
    {
        var sum = 0.0;
        foreach (var s in sentiments)
            sum += s;
        var emphasis = PunctuationEmphasis(text);
        if (sum > 0)
            sum += emphasis;
        else if (sum < 0)
            sum -= emphasis;
        return Math.Clamp(sum / Math.Sqrt((sum * sum) + VaderRules.Alpha), -1.0, 1.0);
    }

    private static double PunctuationEmphasis(string text)
    {
        int exclamations = 0, questions = 0;
        foreach (var c in text)
        {
            if (c == '!')
                exclamations++;
            else if (c == '?')
                questions++;
        }
        var amplifier = Math.Min(exclamations, 4) * 0.292;
        if (questions > 1)
            amplifier += questions <= 3 ? questions * 0.18 : 0.96;
        return amplifier;
    }

    /// <summary>
    /// Rounds half to even on the shortest round-trip decimal form of the double, which is what Python's
    /// <c>round(x, 4)</c> gives for the values VADER produces.
    /// </summary>
    internal static decimal Round4(double value)
    {
        var exact = decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Round(exact, 4, MidpointRounding.ToEven);
    }

    private sealed record Context(string[] Words, string[] Lower, bool IsCapDifferential);
}
