using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// The VADER word lexicon (token to mean valence, -4..+4) and the emoji lexicon (emoji to an English description),
/// parsed as the reference does. Both ship embedded in this assembly (see <c>Data/README.md</c>).
/// </summary>
public sealed class VaderLexicon
{
    private const string ResourcePrefix = "Vanta.Markets.Models.Sentiment.Data.";

    private static readonly Lazy<VaderLexicon> Embedded = new(LoadEmbedded);

    private VaderLexicon(FrozenDictionary<string, double> words, FrozenDictionary<int, string> emoji)
    {
        Words = words;
        Emoji = emoji;
    }

    /// <summary>The shipped lexicons (cjhutto/vaderSentiment at commit 44fc044cd877).</summary>
    public static VaderLexicon Default => Embedded.Value;

    /// <summary>Lower-case token to mean valence.</summary>
    public FrozenDictionary<string, double> Words { get; }

    /// <summary>
    /// Emoji code point to description. The reference looks emoji up one code point at a time, so entries of
    /// several code points can never match and are left out.
    /// </summary>
    internal FrozenDictionary<int, string> Emoji { get; }

    /// <summary>Parses a lexicon (token TAB valence TAB ...) and an emoji lexicon (emoji TAB description).</summary>
    public static VaderLexicon Parse(string lexiconText, string emojiText)
    {
        ArgumentNullException.ThrowIfNull(lexiconText);
        ArgumentNullException.ThrowIfNull(emojiText);
        var words = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lexiconText.TrimEnd('\n').Split('\n'))
        {
            if (line.Length == 0)
                continue;
            var fields = line.Trim().Split('\t');
            words[fields[0]] = double.Parse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        var emoji = new Dictionary<int, string>();
        foreach (var line in emojiText.TrimEnd('\n').Split('\n'))
        {
            var fields = line.Trim().Split('\t');
            if (fields.Length < 2 || fields[0].Length == 0)
                continue;
            var runes = fields[0].EnumerateRunes();
            if (runes.Count() == 1)
                emoji[Rune.GetRuneAt(fields[0], 0).Value] = fields[1];
        }
        return new VaderLexicon(words.ToFrozenDictionary(StringComparer.Ordinal), emoji.ToFrozenDictionary());
    }

    internal static string ReadResource(string name)
    {
        using var stream = OpenResource(name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal static Stream OpenResource(string name) =>
        typeof(VaderLexicon).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException("embedded resource missing: " + ResourcePrefix + name);

    private static VaderLexicon LoadEmbedded() =>
        Parse(ReadResource("vader_lexicon.txt"), ReadResource("emoji_utf8_lexicon.txt"));
}
