using System.IO.Compression;
using System.Text;

namespace Vanta.Journal.Audit;

/// <summary>
/// File names, order and zip settings of an audit bundle. Entries go in a fixed order with a fixed
/// timestamp and fixed permissions, so exporting the same window of the same journal gives the same bytes.
/// </summary>
internal static class BundleLayout
{
    public const string Records = "records.jsonl";
    public const string Readme = "README.md";
    public const string Manifest = "manifest.json";
    public const string Sums = "SHA256SUMS";

    // The earliest time a zip (DOS) timestamp can hold: says "no meaningful time" and never varies.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // rw-r--r-- regular file, in the high 16 bits as unzip reads them.
    private const int EntryAttributes = 0x81A4 << 16;

    public static ZipArchiveEntry CreateEntry(ZipArchive zip, string path)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        entry.ExternalAttributes = EntryAttributes;
        return entry;
    }

    public static void WriteEntry(ZipArchive zip, string path, ReadOnlySpan<byte> content)
    {
        using var stream = CreateEntry(zip, path).Open();
        stream.Write(content);
    }

    /// <summary><c>sha256sum</c>'s format: hash, two spaces, path, LF; in archive order.</summary>
    public static byte[] RenderSums(IEnumerable<BundleFile> files) =>
        Encoding.ASCII.GetBytes(string.Concat(files.Select(f => $"{f.Sha256}  {f.Path}\n")));

    /// <exception cref="InvalidDataException">A line is not <c>HASH  PATH</c> (names the line).</exception>
    public static List<(string Path, string Sha256)> ParseSums(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        if (text.Length > 0 && text[^1] != '\n')
            throw new InvalidDataException("the last line has no line end");
        var sums = new List<(string, string)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            if (line.Length < 67 || !IsHex64(line[..64]) || line[64..66] != "  ")
                throw new InvalidDataException($"line {i + 1} is not 'SHA256  PATH'");
            sums.Add((line[66..], line[..64]));
        }
        return sums;
    }

    public static bool IsHex64(string text) =>
        text.Length == JournalHash.HexLength && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Config kinds become file names: lower-case letters, digits and underscores only.</summary>
    public static bool IsSafeKind(string kind) =>
        kind.Length is > 0 and <= 64 && kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
