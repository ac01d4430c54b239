using System.Collections.Frozen;

namespace Vanta.Markets.Resolution;

/// <summary>
/// Finds company names in text as whole words (<c>Apple</c>, <c>Bank of America</c>, <c>Johnson &amp; Johnson</c>),
/// longest name first. Names are compared word by word, ignoring the punctuation and spaces between words,
/// case-insensitively except for the exact-case aliases of a <see cref="SymbolEntry"/>.
/// </summary>
internal sealed class CompanyNameMatcher
{
    /// <summary>Separators longer than this between two words of a name break the match.</summary>
    private const int MaxGap = 3;

    private readonly FrozenDictionary<string, Candidate[]> _byFirstWord;
    private readonly FrozenDictionary<string, Candidate[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CompanyNameMatcher(IEnumerable<SymbolEntry> entries)
    {
        var candidates = new List<Candidate>();
        foreach (var entry in entries)
        {
            foreach (var alias in entry.Aliases.OrEmpty())
                Add(candidates, alias, entry.Symbol, caseSensitive: false);
            foreach (var alias in entry.ExactAliases.OrEmpty())
                Add(candidates, alias, entry.Symbol, caseSensitive: true);
        }
        _byFirstWord = candidates
            .GroupBy(c => c.Words[0], StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.OrderByDescending(c => c.Words.Length)
                    .ThenByDescending(c => c.Words.Sum(w => w.Length))
                    .ThenBy(c => c.Symbol, StringComparer.Ordinal)
                    .ThenBy(c => c.CaseSensitive)
                    .ToArray(),
                StringComparer.OrdinalIgnoreCase);
        _lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// When a name starts with the word <c>text[start..wordEnd]</c>, the longest such name's symbol and where it ends.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<char> text, int start, int wordEnd, out string symbol, out int end)
    {
        symbol = "";
        end = wordEnd;
        if (!_lookup.TryGetValue(text[start..wordEnd], out var candidates))
            return false;
        foreach (var candidate in candidates)
        {
            if (Matches(candidate, text, start, wordEnd, out end))
            {
                symbol = candidate.Symbol;
                return true;
            }
        }
        end = wordEnd;
        return false;
    }

    private static bool Matches(Candidate candidate, ReadOnlySpan<char> text, int start, int wordEnd, out int end)
    {
        end = wordEnd;
        var comparison = candidate.CaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (!text[start..wordEnd].Equals(candidate.Words[0], comparison))
            return false;
        var position = wordEnd;
        for (var w = 1; w < candidate.Words.Length; w++)
        {
            var next = position;
            while (next < text.Length && next - position <= MaxGap && !TextScan.IsWordChar(text[next]))
                next++;
            if (next == position || next - position > MaxGap || next >= text.Length)
                return false;
            var nextEnd = TextScan.WordEnd(text, next);
            if (!text[next..nextEnd].Equals(candidate.Words[w], comparison))
                return false;
            position = nextEnd;
        }
        end = position;
        return true;
    }

    private static void Add(List<Candidate> candidates, string name, string symbol, bool caseSensitive)
    {
        var words = TextScan.Words(name);
        if (words.Length > 0)
            candidates.Add(new Candidate(words, symbol, caseSensitive));
    }

    private sealed record Candidate(string[] Words, string Symbol, bool CaseSensitive);
}
