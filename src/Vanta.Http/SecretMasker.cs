using System.Text;

namespace Vanta.Http;

/// <summary>Keeps secrets out of anything reported: URLs kept in documents, failure reasons, exceptions.</summary>
public static class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with every non-empty secret replaced by <see cref="Mask"/>.</summary>
    public static string MaskText(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The URL with the values of the named query parameters replaced by <see cref="Mask"/>.</summary>
    public static string MaskQuery(Uri uri, IReadOnlyCollection<string> secretParameters)
    {
        var text = uri.ToString();
        if (secretParameters.Count == 0 || string.IsNullOrEmpty(uri.Query))
            return text;
        var query = uri.Query.TrimStart('?').Split('&');
        var masked = new StringBuilder();
        foreach (var pair in query)
        {
            var name = pair.Split('=', 2)[0];
            masked.Append(masked.Length == 0 ? '?' : '&');
            masked.Append(secretParameters.Contains(Uri.UnescapeDataString(name), StringComparer.OrdinalIgnoreCase) ? $"{name}={Mask}" : pair);
        }
        return uri.GetLeftPart(UriPartial.Path) + masked + uri.Fragment;
    }
}
