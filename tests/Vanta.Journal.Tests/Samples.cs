using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Journal.Tests;

/// <summary>Deterministic envelopes of realistic size (a price bar, ~400 bytes of envelope JSON).</summary>
internal static class Samples
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);
    private static readonly Producer Markets = new("node-a", Role.Markets);

    public static Envelope Bar(int i, ImmutableArray<EventId> parents = default, string source = "sample-tape")
    {
        var end = T0.AddMinutes(i);
        var close = 150m + (i % 97) * 0.25m;
        var bar = new PriceBar("AAPL", end.AddMinutes(-1), end, close - 0.5m, close + 1m, close - 1m, close, 1000m + i, source);
        return Envelope.Create(EventKinds.PriceBar, bar, end, end.AddSeconds(2), Markets, parents);
    }

    /// <summary>A chain of bars, each naming the one before it as parent.</summary>
    public static IReadOnlyList<Envelope> Bars(int count)
    {
        var bars = new List<Envelope>(count);
        for (var i = 0; i < count; i++)
            bars.Add(Bar(i, i == 0 ? [] : [bars[i - 1].EventId]));
        return bars;
    }

    public static byte[] Json(Envelope envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope);

    public static string JsonText(Envelope envelope) => Encoding.UTF8.GetString(Json(envelope));
}

/// <summary>A fresh directory, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("vanta-journal-");

    public string Path => root.FullName;

    public string Sub(string name) => System.IO.Path.Combine(root.FullName, name);

    public string Segment(int number) => System.IO.Path.Combine(root.FullName, $"journal-{number:D6}.jsonl");

    public void Dispose() => root.Delete(recursive: true);
}

/// <summary>Writes journals for tests and edits their lines the way an attacker or a crash would.</summary>
internal static class Journals
{
    public static void Write(string directory, IEnumerable<Envelope> envelopes, JournalOptions? options = null)
    {
        using var writer = JournalWriter.Open(directory, options ?? new JournalOptions());
        foreach (var envelope in envelopes)
            writer.Append(envelope);
    }

    public static List<string> Lines(string segmentPath) =>
        [.. File.ReadAllText(segmentPath).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public static void Rewrite(string segmentPath, IEnumerable<string> lines) =>
        File.WriteAllText(segmentPath, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>The envelope JSON of a line: after <c>"envelope":</c>, without the record's closing brace.</summary>
    public static string EnvelopeOf(string line)
    {
        var start = line.IndexOf("\"envelope\":", StringComparison.Ordinal) + "\"envelope\":".Length;
        return line[start..^1];
    }

    /// <summary>A well-formed line with a correct hash for the given seq, prev and envelope.</summary>
    public static string Line(long seq, string prev, string envelopeJson)
    {
        var hash = JournalHash.Compute(seq, prev, Encoding.UTF8.GetBytes(envelopeJson));
        return $"{{\"seq\":{seq},\"prev\":\"{prev}\",\"hash\":\"{hash}\",\"envelope\":{envelopeJson}}}";
    }

    public static string HashOf(string line)
    {
        var start = line.IndexOf("\"hash\":\"", StringComparison.Ordinal) + "\"hash\":\"".Length;
        return line.Substring(start, 64);
    }
}
