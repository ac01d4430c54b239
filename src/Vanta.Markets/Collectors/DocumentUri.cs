namespace Vanta.Markets.Collectors;

/// <summary>What a document's URI says about the request that fetched it (product, interval, series id).</summary>
internal static class DocumentUri
{
    /// <summary>The unescaped value of the first <c>name=value</c> query pair with a non-empty value, or null.</summary>
    public static string? Query(string uri, string name)
    {
        var q = uri.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
            return null;
        foreach (var pair in uri[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair.AsSpan(0, eq).SequenceEqual(name) && eq + 1 < pair.Length)
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }
}
