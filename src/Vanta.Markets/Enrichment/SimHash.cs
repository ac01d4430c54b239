using System.Numerics;

namespace Vanta.Markets.Enrichment;

/// <summary>A 64-bit SimHash of a text and how many words it was computed over.</summary>
public readonly record struct TextFingerprint(ulong Hash, int Words)
{
    /// <summary>Number of differing bits between two fingerprints (0..64).</summary>
    public int DistanceTo(TextFingerprint other) => BitOperations.PopCount(Hash ^ other.Hash);

    /// <summary>Sixteen lower-case hex digits.</summary>
    public override string ToString() => Hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// SimHash (Charikar) over one-word shingles: texts that differ by a few words get fingerprints a few bits apart.
/// Words are runs of letters and digits, lower-cased, each hashed with 64-bit FNV-1a (stable across processes and
/// machines, unlike <c>string.GetHashCode</c>) and finalised with SplitMix64. Single words rather than word pairs:
/// on post-length texts a one-word edit changes two pair features but one word, and in the r/wallstreetbets sample
/// word pairs put edited copies of a text about twice as many bits apart while unrelated posts stay 9 or more apart.
/// </summary>
public static class SimHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The fingerprint of <paramref name="text"/>.</summary>
    public static TextFingerprint Compute(ReadOnlySpan<char> text)
    {
        Span<int> weights = stackalloc int[64];
        weights.Clear();
        var words = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var word = FnvOffset;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
                word = Fnv(word, char.ToLowerInvariant(text[i++]));
            Accumulate(weights, Mix(word));
            words++;
        }
        var hash = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
                hash |= 1UL << bit;
        }
        return new TextFingerprint(hash, words);
    }

    private static ulong Fnv(ulong hash, char c) => ((hash ^ (byte)c) * FnvPrime ^ (byte)(c >> 8)) * FnvPrime;

    /// <summary>A finaliser (from SplitMix64) so that every bit of an FNV hash depends on every input bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    private static void Accumulate(Span<int> weights, ulong feature)
    {
        for (var bit = 0; bit < 64; bit++)
            weights[bit] += (int)((feature >> bit) & 1) * 2 - 1;
    }
}
