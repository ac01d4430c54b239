namespace Vanta.Markets.Models.Sentiment;

/// <summary>The per-word rules of VADER, in the order and with the quirks of the reference.</summary>
public sealed partial class VaderSentiment
{
    private double Valence(Context context, int i)
    {
        var lexicon = _lexicon.Words;
        var lower = context.Lower;
        if (!lexicon.TryGetValue(lower[i], out var baseValence))
            return 0.0;
        var valence = baseValence;

        // "no" before a lexicon word negates that word instead of counting itself.
        if (lower[i] == "no" && i != lower.Length - 1 && lexicon.ContainsKey(lower[i + 1]))
            valence = 0.0;
        if ((i > 0 && lower[i - 1] == "no")
            || (i > 1 && lower[i - 2] == "no")
            || (i > 2 && lower[i - 3] == "no" && lower[i - 1] is "or" or "nor"))
        {
            valence = baseValence * VaderRules.NegationScalar;
        }

        if (context.IsCapDifferential && VaderText.IsUpper(context.Words[i]))
            valence += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;

        for (var startI = 0; startI < 3; startI++)
        {
            // Modifiers up to three words back, dampened with distance; lexicon words are not modifiers.
            if (i <= startI || lexicon.ContainsKey(lower[i - (startI + 1)]))
                continue;
            var s = ScalarIncDec(context.Words[i - (startI + 1)], lower[i - (startI + 1)], valence, context.IsCapDifferential);
            if (startI == 1 && s != 0)
                s *= 0.95;
            if (startI == 2 && s != 0)
                s *= 0.9;
            valence += s;
            valence = NegationCheck(valence, lower, startI, i);
            if (startI == 2)
                valence = SpecialIdiomsCheck(valence, lower, i);
        }
        return LeastCheck(valence, lower, i);
    }

    private static double ScalarIncDec(string word, string lowerWord, double valence, bool isCapDifferential)
    {
        if (!VaderRules.Boosters.TryGetValue(lowerWord, out var scalar))
            return 0.0;
        if (valence < 0)
            scalar = -scalar;
        if (VaderText.IsUpper(word) && isCapDifferential)
            scalar += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        return scalar;
    }

    private static double NegationCheck(double valence, string[] lower, int startI, int i)
    {
        var previous = lower[i - (startI + 1)];
        switch (startI)
        {
            case 0:
                return VaderRules.IsNegation(previous) ? valence * VaderRules.NegationScalar : valence;
            case 1:
                if (lower[i - 2] == "never" && lower[i - 1] is "so" or "this")
                    return valence * 1.25;
                if (lower[i - 2] == "without" && lower[i - 1] == "doubt")
                    return valence;
                return VaderRules.IsNegation(previous) ? valence * VaderRules.NegationScalar : valence;
            default:
                // The reference's operator precedence: (never and (so|this two back)) or (so|this one back).
                if ((lower[i - 3] == "never" && lower[i - 2] is "so" or "this") || lower[i - 1] is "so" or "this")
                    return valence * 1.25;
                if (lower[i - 3] == "without" && (lower[i - 2] == "doubt" || lower[i - 1] == "doubt"))
                    return valence;
                return VaderRules.IsNegation(previous) ? valence * VaderRules.NegationScalar : valence;
        }
    }

    private double LeastCheck(double valence, string[] lower, int i)
    {
        // "least" before a word negates it, except in "at least" and "very least".
        if (i == 0 || lower[i - 1] != "least" || _lexicon.Words.ContainsKey("least"))
            return valence;
        if (i > 1)
            return lower[i - 2] is not "at" and not "very" ? valence * VaderRules.NegationScalar : valence;
        return valence * VaderRules.NegationScalar;
    }

    private static double SpecialIdiomsCheck(double valence, string[] lower, int i)
    {
        var oneZero = lower[i - 1] + " " + lower[i];
        var twoOneZero = lower[i - 2] + " " + lower[i - 1] + " " + lower[i];
        var twoOne = lower[i - 2] + " " + lower[i - 1];
        var threeTwoOne = lower[i - 3] + " " + lower[i - 2] + " " + lower[i - 1];
        var threeTwo = lower[i - 3] + " " + lower[i - 2];
        foreach (var sequence in (ReadOnlySpan<string>)[oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo])
        {
            if (VaderRules.SpecialCases.TryGetValue(sequence, out var special))
            {
                valence = special;
                break;
            }
        }
        if (lower.Length - 1 > i && VaderRules.SpecialCases.TryGetValue(lower[i] + " " + lower[i + 1], out var zeroOne))
            valence = zeroOne;
        if (lower.Length - 1 > i + 1
            && VaderRules.SpecialCases.TryGetValue(lower[i] + " " + lower[i + 1] + " " + lower[i + 2], out var zeroOneTwo))
        {
            valence = zeroOneTwo;
        }
        // Booster and dampener bi-grams such as "sort of" or "kind of".
        foreach (var ngram in (ReadOnlySpan<string>)[threeTwoOne, threeTwo, twoOne])
        {
            if (VaderRules.Boosters.TryGetValue(ngram, out var booster))
                valence += booster;
        }
        return valence;
    }

    /// <summary>
    /// The contrastive "but": sentiment before the first "but" halves, after it grows by half. Replicates the
    /// reference's <c>list.index</c> lookup, which updates the first equal value rather than the current one.
    /// </summary>
    private static void ButCheck(string[] lower, double[] sentiments)
    {
        var butIndex = Array.IndexOf(lower, "but");
        if (butIndex < 0)
            return;
        for (var k = 0; k < sentiments.Length; k++)
        {
            var sentiment = sentiments[k];
            var si = Array.IndexOf(sentiments, sentiment);
            if (si < butIndex)
                sentiments[si] = sentiment * 0.5;
            else if (si > butIndex)
                sentiments[si] = sentiment * 1.5;
        }
    }
}
