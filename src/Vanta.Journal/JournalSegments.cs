using System.Globalization;

namespace Vanta.Journal;

/// <summary>One segment file of a journal directory.</summary>
internal sealed record Segment(int Number, string Path)
{
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// Segment naming: <c>journal-000001.jsonl</c>, <c>journal-000002.jsonl</c>, … numbered from 1 without gaps.
/// Files that do not have exactly this form are not segments, so a renamed segment shows up as a gap.
/// </summary>
internal static class JournalSegments
{
    private const string Prefix = "journal-";
    private const string Suffix = ".jsonl";

    public static string FileName(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{number:D6}{Suffix}");

    /// <summary>The segments in <paramref name="directory"/>, ordered by number (not by enumeration order).</summary>
    public static IReadOnlyList<Segment> List(string directory)
    {
        var segments = new List<Segment>();
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*" + Suffix))
        {
            var name = Path.GetFileName(path);
            var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number > 0
                && name == FileName(number))
                segments.Add(new Segment(number, path));
        }
        segments.Sort((a, b) => a.Number.CompareTo(b.Number));
        return segments;
    }

    /// <summary>The first missing number, when the segments are not exactly 1..n.</summary>
    public static int? FirstGap(IReadOnlyList<Segment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Number != i + 1)
                return i + 1;
        }
        return null;
    }
}
