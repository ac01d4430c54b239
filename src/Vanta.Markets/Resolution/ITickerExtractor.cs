using System.Collections.Immutable;

namespace Vanta.Markets.Resolution;

/// <summary>Entity resolution for free text: the instrument symbols a text mentions.</summary>
public interface ITickerExtractor
{
    /// <summary>The symbols <paramref name="text"/> mentions: upper case, deduplicated, sorted ordinally.</summary>
    ImmutableArray<string> Extract(ReadOnlySpan<char> text);

    /// <summary>The symbols a title and a body mention together: upper case, deduplicated, sorted ordinally.</summary>
    ImmutableArray<string> Extract(ReadOnlySpan<char> title, ReadOnlySpan<char> body);
}
