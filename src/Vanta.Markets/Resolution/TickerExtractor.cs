using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Vanta.Markets.Resolution;

/// <summary>
/// Finds the instruments free text mentions, in one pass without regular expressions:
/// <list type="bullet">
/// <item>cashtags (<c>$TSLA</c>, <c>$brk.b</c>): one to five letters with an optional one- or two-letter class,
/// counted whether or not the symbol is known, and even when it is a stop word (<c>$ALL</c> is Allstate);</item>
/// <item>bare upper-case words of two to five letters that are known symbols and not in <see cref="TickerStopList"/>;</item>
/// <item>company names and aliases from the <see cref="SymbolDirectory"/> (<c>Apple</c>, <c>GameStop</c>),
/// whole words, longest match first.</item>
/// </list>
/// Immutable and safe to share between threads.
/// </summary>
public sealed class TickerExtractor : ITickerExtractor
{
    private const int MaxTickerLetters = 5;
    private const int MaxClassLetters = 2;
    private static readonly Lazy<TickerExtractor> Shipped = new(() => new TickerExtractor(SymbolDirectory.Default));

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bare;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _canonical;
    private readonly CompanyNameMatcher _names;

    /// <summary>An extractor for the symbols and names of <paramref name="directory"/>.</summary>
    public TickerExtractor(SymbolDirectory directory)
    {
        _canonical = directory.Entries
            .ToFrozenDictionary(e => e.Symbol, e => e.Symbol, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _bare = directory.Entries
            .Where(e => e.Symbol.Length >= 2 && !TickerStopList.Words.Contains(e.Symbol))
            .ToFrozenDictionary(e => e.Symbol, e => e.Symbol, StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _names = new CompanyNameMatcher(directory.Entries);
    }

    /// <summary>An extractor over <see cref="SymbolDirectory.Default"/>.</summary>
    public static TickerExtractor Default => Shipped.Value;

    /// <inheritdoc />
    public ImmutableArray<string> Extract(ReadOnlySpan<char> text)
    {
        var found = new SymbolCollector();
        Scan(text, ref found);
        return found.ToSortedDistinct();
    }

    /// <inheritdoc />
    public ImmutableArray<string> Extract(ReadOnlySpan<char> title, ReadOnlySpan<char> body)
    {
        var found = new SymbolCollector();
        Scan(title, ref found);
        Scan(body, ref found);
        return found.ToSortedDistinct();
    }

    private void Scan(ReadOnlySpan<char> text, ref SymbolCollector found)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '$')
            {
                i = ReadCashtag(text, i, ref found);
                continue;
            }
            if (!TextScan.IsWordChar(c))
            {
                i++;
                continue;
            }
            var end = TextScan.WordEnd(text, i);
            if (_names.TryMatch(text, i, end, out var named, out var nameEnd))
            {
                found.Add(named);
                i = nameEnd;
                continue;
            }
            i = ReadBare(text, i, end, ref found);
        }
    }

    /// <summary>Reads <c>$XYZ</c> or <c>$XYZ.B</c> at <paramref name="dollar"/>; returns where scanning resumes.</summary>
    private int ReadCashtag(ReadOnlySpan<char> text, int dollar, ref SymbolCollector found)
    {
        var start = dollar + 1;
        if (dollar > 0 && (TextScan.IsWordChar(text[dollar - 1]) || text[dollar - 1] == '$'))
            return start;
        var letters = CountAsciiLetters(text, start, MaxTickerLetters + 1);
        if (letters is 0 or > MaxTickerLetters)
            return start;
        var end = start + letters;
        end = ExtendClass(text, end, upperOnly: false);
        if (end < text.Length && (TextScan.IsWordChar(text[end]) || text[end] == '$'))
            return start;
        var ticker = text[start..end];
        found.Add(_canonical.TryGetValue(ticker, out var known) ? known : ticker.ToString().ToUpperInvariant());
        return end;
    }

    /// <summary>Reads an upper-case word (with an optional <c>.B</c> class) that is a known symbol.</summary>
    private int ReadBare(ReadOnlySpan<char> text, int start, int wordEnd, ref SymbolCollector found)
    {
        var length = wordEnd - start;
        if (length is < 2 or > MaxTickerLetters || !IsAsciiUpper(text[start..wordEnd]))
            return wordEnd;
        var end = ExtendClass(text, wordEnd, upperOnly: true);
        if (end < text.Length && TextScan.IsWordChar(text[end]))
            end = wordEnd;
        if (_bare.TryGetValue(text[start..end], out var symbol) ||
            (end != wordEnd && _bare.TryGetValue(text[start..wordEnd], out symbol)))
        {
            found.Add(symbol);
        }
        return end;
    }

    /// <summary>When <c>.X</c> or <c>.XY</c> follows at <paramref name="end"/> and ends the word, the end after it.</summary>
    private static int ExtendClass(ReadOnlySpan<char> text, int end, bool upperOnly)
    {
        if (end + 1 >= text.Length || text[end] != '.')
            return end;
        var letters = CountAsciiLetters(text, end + 1, MaxClassLetters + 1);
        if (letters is 0 or > MaxClassLetters)
            return end;
        var classEnd = end + 1 + letters;
        if (classEnd < text.Length && TextScan.IsWordChar(text[classEnd]))
            return end;
        return upperOnly && !IsAsciiUpper(text[(end + 1)..classEnd]) ? end : classEnd;
    }

    private static int CountAsciiLetters(ReadOnlySpan<char> text, int start, int max)
    {
        var n = 0;
        while (start + n < text.Length && n < max && char.IsAsciiLetter(text[start + n]))
            n++;
        return n;
    }

    private static bool IsAsciiUpper(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterUpper(c))
                return false;
        }
        return true;
    }
}
