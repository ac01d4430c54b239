namespace Vanta.Markets.Enrichment;

/// <summary>When near-duplicate posts make a swarm.</summary>
/// <param name="MaxDistance">Largest SimHash Hamming distance (bits of 64) at which two texts are near-duplicates.</param>
/// <param name="MinAuthors">Distinct authors needed within <paramref name="Window"/> for near-duplicates to be a swarm.</param>
/// <param name="Window">How far apart in event time near-duplicates may be and still be linked.</param>
/// <param name="MinWords">Texts with fewer words are not fingerprinted (short titles repeat by chance).</param>
/// <param name="MaxWindowPosts">Most posts kept for comparison; the oldest go first (bounds memory and time).</param>
public sealed record SwarmOptions(
    int MaxDistance = 6,
    int MinAuthors = 4,
    TimeSpan? Window = null,
    int MinWords = 8,
    int MaxWindowPosts = 20_000)
{
    /// <summary>The window, 30 minutes unless set.</summary>
    public TimeSpan WindowOrDefault => Window ?? TimeSpan.FromMinutes(30);

    /// <summary>The defaults.</summary>
    public static SwarmOptions Default { get; } = new();
}
