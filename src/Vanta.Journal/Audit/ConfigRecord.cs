using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Journal.Audit;

/// <summary>Checks a config document shipped in a bundle: its journal line on its own, and its content against the version.</summary>
internal static class ConfigRecord
{
    /// <returns>The first problem and the file it is in, or null.</returns>
    public static (string File, string Problem)? Check(BundleConfig expected, ReadOnlySpan<byte> lineWithLf, ReadOnlySpan<byte> content)
    {
        var problem = CheckRecord(expected, lineWithLf, out var document);
        if (problem is not null)
            return (expected.RecordFile, problem);
        if (ContentHash.Sha256Hex(content) != expected.Version)
            return (expected.ContentFile, $"SHA-256 is not the version {expected.Version} the file is named after");
        return content.SequenceEqual(Encoding.UTF8.GetBytes(document!.Content)) ? null
            : (expected.ContentFile, "is not the content of the config record");
    }

    private static string? CheckRecord(BundleConfig expected, ReadOnlySpan<byte> lineWithLf, out ConfigDocument? document)
    {
        document = null;
        if (lineWithLf.Length == 0 || lineWithLf[^1] != (byte)'\n' || lineWithLf[..^1].Contains((byte)'\n'))
            return "is not exactly one journal line ending in LF";
        var line = lineWithLf[..^1];
        if (!JournalLine.TryParse(line, out var parsed))
            return "is not a journal record";
        if (parsed.Seq != expected.Seq)
            return $"holds seq {parsed.Seq}, not {expected.Seq} as the manifest says";
        using var hasher = new ChainHasher();
        Span<byte> hash = stackalloc byte[JournalHash.HexLength];
        hasher.ComputeHex(parsed.SeqText(line), parsed.Prev(line), parsed.Envelope(line), hash);
        if (!hash.SequenceEqual(parsed.Hash(line)))
            return $"seq {expected.Seq}: hash does not match the record's content (the record was edited)";
        using var ids = new EnvelopeIdCheck();
        if (ids.Check(parsed.Envelope(line)) != LineFault.None)
            return $"seq {expected.Seq}: event_id does not match the envelope's content";

        try
        {
            document = EnvelopeCodec.Deserialize(parsed.Envelope(line)).Read(EventKinds.Config);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return $"seq {expected.Seq}: not a config record: {e.Message}";
        }
        if (document.Kind != expected.Kind || document.Version != expected.Version || document.EffectiveAt != expected.EffectiveAt)
            return $"seq {expected.Seq}: the record says {document.Kind} {document.Version} effective {document.EffectiveAt:O}, the manifest something else";
        return null;
    }
}
