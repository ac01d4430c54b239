using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Vanta.Markets.Resolution;

/// <summary>Character classes shared by the ticker and name scanners (ASCII fast path, Unicode letters as word characters).</summary>
internal static class TextScan
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c > '\u007f' && char.IsLetterOrDigit(c));

    /// <summary>The end (exclusive) of the run of word characters starting at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WordEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && IsWordChar(text[i]))
            i++;
        return i;
    }

    /// <summary>Splits a name into its words, the way <see cref="WordEnd"/> reads text.</summary>
    public static string[] Words(string name)
    {
        var words = new List<string>();
        var i = 0;
        while (i < name.Length)
        {
            if (!IsWordChar(name[i]))
            {
                i++;
                continue;
            }
            var end = WordEnd(name, i);
            words.Add(name[i..end]);
            i = end;
        }
        return [.. words];
    }
}

/// <summary>A small buffer of found symbols that sorts and deduplicates once at the end; allocates only when something is found.</summary>
internal struct SymbolCollector
{
    private string[]? _items;
    private int _count;

    public void Add(string symbol)
    {
        _items ??= new string[4];
        if (_count == _items.Length)
            Array.Resize(ref _items, _count * 2);
        _items[_count++] = symbol;
    }

    public readonly ImmutableArray<string> ToSortedDistinct()
    {
        if (_count == 0)
            return [];
        var span = _items.AsSpan(0, _count);
        span.Sort(StringComparer.Ordinal);
        var unique = 1;
        for (var i = 1; i < span.Length; i++)
        {
            if (!string.Equals(span[i], span[unique - 1], StringComparison.Ordinal))
                span[unique++] = span[i];
        }
        return ImmutableArray.Create(span[..unique]);
    }
}

/// <summary>Helpers for arrays that may be default (as records deserialised or built by callers can hold).</summary>
internal static class ImmutableArrayExtensions
{
    public static ImmutableArray<T> OrEmpty<T>(this ImmutableArray<T> array) => array.IsDefault ? [] : array;
}
