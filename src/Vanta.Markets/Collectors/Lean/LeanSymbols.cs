namespace Vanta.Markets.Collectors.Lean;

/// <summary>
/// Symbol mapping for LEAN files: the instrument is named by the file (<c>AAPL.csv</c>, factor file
/// <c>aapl.csv</c>), case-insensitively; Vanta symbols are upper case.
/// </summary>
public static class LeanSymbols
{
    /// <summary>The upper-case symbol named by a file path, or null when the name is not a plausible ticker.</summary>
    public static string? FromPath(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
        if (name.Length is 0 or > 12)
            return null;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '-')
                return null;
        }
        return name.ToUpperInvariant();
    }
}
