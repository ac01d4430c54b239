using Vanta.Core.Domain;

namespace Vanta.Markets.Enrichment;

/// <summary>
/// Bot-swarm detection over a stream of posts: each post's text (title and body) gets a <see cref="SimHash"/>
/// fingerprint and joins the cluster of its nearest earlier near-duplicate (Hamming distance at most
/// <see cref="SwarmOptions.MaxDistance"/>, same platform, within <see cref="SwarmOptions.Window"/>). A cluster with
/// posts from at least <see cref="SwarmOptions.MinAuthors"/> distinct authors within the window is a swarm.
/// Posts are compared only with the last <see cref="SwarmOptions.MaxWindowPosts"/> posts of the window, so memory
/// and time per post are bounded. Deterministic for a given order of posts; not thread-safe.
/// For final verdicts over a batch (including the posts that came before a swarm formed) use <see cref="SwarmAnalysis"/>.
/// </summary>
public sealed class SwarmDetector(SwarmOptions? options = null)
{
    private readonly SwarmOptions _options = options ?? SwarmOptions.Default;
    private readonly Queue<WindowPost> _window = new();
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    /// <summary>Observes <paramref name="post"/> and returns its verdict as of now.</summary>
    public SwarmVerdict Observe(SocialPost post) => Observe(post, out _);

    internal SwarmVerdict Observe(SocialPost post, out SwarmCluster? cluster)
    {
        cluster = null;
        var fingerprint = SimHash.Compute(string.Concat(post.Title, "\n", post.Body));
        if (fingerprint.Words < _options.MinWords)
            return new SwarmVerdict(post.Id, fingerprint, SwarmRole.Unique, 1m, null);

        var window = _options.WindowOrDefault;
        Evict(post.TsEvent, window);
        var nearest = Nearest(post, fingerprint, window);
        var since = post.TsEvent - window;
        var repeat = nearest is not null && nearest.HasAuthorSince(post.Author, since);
        cluster = nearest ?? new SwarmCluster(post, fingerprint);
        if (nearest is not null)
            cluster.Add(post);
        _window.Enqueue(new WindowPost(post.Platform, post.TsEvent, fingerprint, cluster));

        if (!cluster.IsSwarm && cluster.AuthorsSince(since) >= _options.MinAuthors)
            cluster.IsSwarm = true;
        if (cluster.IsSwarm)
        {
            var report = cluster.Report();
            return new SwarmVerdict(post.Id, fingerprint, SwarmRole.Swarm, report.Weight, report);
        }
        var role = nearest is null ? SwarmRole.Unique : repeat ? SwarmRole.Spam : SwarmRole.NearDuplicate;
        return new SwarmVerdict(post.Id, fingerprint, role, role == SwarmRole.Spam ? 0m : 1m, null);
    }

    private SwarmCluster? Nearest(SocialPost post, TextFingerprint fingerprint, TimeSpan window)
    {
        SwarmCluster? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in _window)
        {
            if (!string.Equals(candidate.Platform, post.Platform, StringComparison.Ordinal) ||
                (post.TsEvent - candidate.TsEvent).Duration() > window)
            {
                continue;
            }
            var distance = fingerprint.DistanceTo(candidate.Fingerprint);
            if (distance <= _options.MaxDistance && distance < bestDistance)
            {
                best = candidate.Cluster;
                bestDistance = distance;
            }
        }
        return best;
    }

    private void Evict(DateTimeOffset now, TimeSpan window)
    {
        if (now > _latest)
            _latest = now;
        while (_window.Count > 0 &&
               (_window.Count >= _options.MaxWindowPosts || _window.Peek().TsEvent < _latest - window))
        {
            _window.Dequeue();
        }
    }

    private sealed record WindowPost(string Platform, DateTimeOffset TsEvent, TextFingerprint Fingerprint, SwarmCluster Cluster);
}
