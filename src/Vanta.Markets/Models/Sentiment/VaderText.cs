using System.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// The string handling of the reference (Python semantics): emoji replaced by their descriptions,
/// whitespace split, leading and trailing ASCII punctuation stripped unless that leaves two characters or
/// fewer (emoticons), and Python's <c>str.isupper</c>.
/// </summary>
internal static class VaderText
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Replaces each emoji code point by its description, spaced from the text before it.</summary>
    public static string ReplaceEmoji(string text, VaderLexicon lexicon)
    {
        StringBuilder? builder = null;
        var prevSpace = true;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (lexicon.Emoji.TryGetValue(rune.Value, out var description))
            {
                builder ??= new StringBuilder(text.Length + 32).Append(text, 0, index);
                if (!prevSpace)
                    builder.Append(' ');
                builder.Append(description);
                prevSpace = false;
            }
            else
            {
                builder?.Append(rune.ToString());
                prevSpace = rune.Value == ' ';
            }
            index += rune.Utf16SequenceLength;
        }
        return (builder?.ToString() ?? text).Trim();
    }

    /// <summary>Python's <c>str.split()</c> then the reference's <c>_strip_punc_if_word</c> on every token.</summary>
    public static string[] WordsAndEmoticons(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || IsPythonSpace(text[i]);
            if (boundary && start >= 0)
            {
                tokens.Add(StripPunctuationIfWord(text[start..i]));
                start = -1;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }
        return [.. tokens];
    }

    /// <summary>Python's <c>str.isupper</c>: at least one cased character and no lower-case one.</summary>
    public static bool IsUpper(string word)
    {
        var cased = false;
        foreach (var c in word)
        {
            if (char.IsLower(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter)
                return false;
            if (char.IsUpper(c))
                cased = true;
        }
        return cased;
    }

    /// <summary>True when some, but not all, words are ALL CAPS.</summary>
    public static bool AllCapDifferential(string[] words)
    {
        var allCaps = 0;
        foreach (var word in words)
        {
            if (IsUpper(word))
                allCaps++;
        }
        var differential = words.Length - allCaps;
        return differential > 0 && differential < words.Length;
    }

    private static string StripPunctuationIfWord(string token)
    {
        var stripped = token.AsSpan().Trim(Punctuation);
        return CodePointCount(stripped) <= 2 ? token : stripped.ToString();
    }

    private static int CodePointCount(ReadOnlySpan<char> span)
    {
        var count = 0;
        foreach (var c in span)
        {
            if (!char.IsLowSurrogate(c))
                count++;
        }
        return count;
    }

    // str.isspace: Unicode white space plus the ASCII information separators U+001C..U+001F.
    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';
}
