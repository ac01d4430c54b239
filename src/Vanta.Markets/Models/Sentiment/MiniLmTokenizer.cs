using System.Text.RegularExpressions;
using FastBertTokenizer;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// The WordPiece tokenizer of all-MiniLM-L6-v2 (lower-cased, the package's vocabulary; FastBertTokenizer, which splits
/// punctuation such as <c>$</c> as BERT does), with the one clean-up the fine-tuning saw: links removed. Vanta runs
/// with invariant globalization, where accents cannot be stripped, so accented words become [UNK] (51 of the 7,634
/// training headlines have one). Training and scoring both tokenize through this class, so the ids a model learnt
/// from are the ids it is given. Thread-safe.
/// </summary>
public sealed partial class MiniLmTokenizer
{
    /// <summary>Longest text in tokens, [CLS] and [SEP] included; longer texts are cut (headlines run to about 80).</summary>
    public const int MaxTokens = 128;

    private readonly BertTokenizer _tokenizer = new();
    private readonly Lock _gate = new();

    /// <summary>Loads the vocabulary shipped with the encoder.</summary>
    public MiniLmTokenizer()
    {
        using var vocabulary = new StreamReader(new MemoryStream(MiniLmEncoder.Resource(MiniLmEncoder.VocabularyResource)));
        _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
    }

    /// <summary>What the tokenizer sees: links removed (they are noise to a headline's tone), ends trimmed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Link().Replace(text, " ").Trim();
    }

    /// <summary>The token ids of <paramref name="text"/> after <see cref="Normalize"/>, [CLS] and [SEP] included, at most <see cref="MaxTokens"/>.</summary>
    public long[] Tokenize(string text)
    {
        var normalized = Normalize(text);
        lock (_gate)
        {
            // The returned buffers are the tokenizer's own and are reused by the next call: copy under the lock.
            var (ids, mask, _) = _tokenizer.Encode(normalized, MaxTokens);
            var maskSpan = mask.Span;
            var length = 0;
            while (length < maskSpan.Length && maskSpan[length] != 0)
                length++;
            return ids.Span[..length].ToArray();
        }
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
