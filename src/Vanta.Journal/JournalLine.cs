using System.Buffers.Text;

namespace Vanta.Journal;

/// <summary>
/// The fixed layout of one journal line, <c>{"seq":N,"prev":"…","hash":"…","envelope":{…}}</c>, read by
/// slicing bytes rather than deserializing: the writer emits exactly this shape, so anything else is damage.
/// </summary>
internal readonly struct JournalLine
{
    private static ReadOnlySpan<byte> SeqPrefix => "{\"seq\":"u8;
    private static ReadOnlySpan<byte> PrevPrefix => ",\"prev\":\""u8;
    private static ReadOnlySpan<byte> HashPrefix => "\",\"hash\":\""u8;
    private static ReadOnlySpan<byte> EnvelopePrefix => "\",\"envelope\":"u8;
    private const int MaxSeqDigits = 19;
    private const int Hex = JournalHash.HexLength;

    private JournalLine(long seq, int seqDigits, int envelopeLength)
    {
        Seq = seq;
        SeqDigits = seqDigits;
        EnvelopeLength = envelopeLength;
    }

    public long Seq { get; }

    private int SeqDigits { get; }

    private int EnvelopeLength { get; }

    private int PrevStart => SeqPrefix.Length + SeqDigits + PrevPrefix.Length;

    private int HashStart => PrevStart + Hex + HashPrefix.Length;

    private int EnvelopeStart => HashStart + Hex + EnvelopePrefix.Length;

    public ReadOnlySpan<byte> SeqText(ReadOnlySpan<byte> line) => line.Slice(SeqPrefix.Length, SeqDigits);

    public ReadOnlySpan<byte> Prev(ReadOnlySpan<byte> line) => line.Slice(PrevStart, Hex);

    public ReadOnlySpan<byte> Hash(ReadOnlySpan<byte> line) => line.Slice(HashStart, Hex);

    public ReadOnlySpan<byte> Envelope(ReadOnlySpan<byte> line) => line.Slice(EnvelopeStart, EnvelopeLength);

    /// <summary>Bytes of a line (with its LF) carrying an envelope of <paramref name="envelopeLength"/> bytes.</summary>
    public static int Length(int seqDigits, int envelopeLength) =>
        SeqPrefix.Length + seqDigits + PrevPrefix.Length + Hex + HashPrefix.Length + Hex + EnvelopePrefix.Length + envelopeLength + 2;

    /// <summary>
    /// Reads the layout of <paramref name="line"/> (without its LF). Hex digits are not checked here:
    /// the hash is compared with a recomputed one and prev with the previous hash, which is stricter.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out JournalLine parsed)
    {
        parsed = default;
        if (!line.StartsWith(SeqPrefix))
            return false;
        var rest = line[SeqPrefix.Length..];
        var digits = 0;
        while (digits < rest.Length && digits <= MaxSeqDigits && char.IsAsciiDigit((char)rest[digits]))
            digits++;
        if (digits is 0 or > MaxSeqDigits || rest[0] == (byte)'0')
            return false;
        if (!Utf8Parser.TryParse(rest[..digits], out long seq, out _))
            return false;

        var candidate = new JournalLine(seq, digits, 0);
        var envelopeStart = candidate.EnvelopeStart;
        // The envelope is a JSON object and the record's closing brace ends the line.
        if (line.Length < envelopeStart + 3 || line[envelopeStart] != (byte)'{' || line[^1] != (byte)'}' || line[^2] != (byte)'}')
            return false;
        if (!line[(SeqPrefix.Length + digits)..].StartsWith(PrevPrefix)
            || !line[(candidate.PrevStart + Hex)..].StartsWith(HashPrefix)
            || !line[(candidate.HashStart + Hex)..].StartsWith(EnvelopePrefix))
            return false;

        parsed = new JournalLine(seq, digits, line.Length - 1 - envelopeStart);
        return true;
    }

    /// <summary>Writes a complete line, LF included, into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(
        Span<byte> destination, ReadOnlySpan<byte> seqDigits, ReadOnlySpan<byte> prevHex, ReadOnlySpan<byte> hashHex, ReadOnlySpan<byte> envelope)
    {
        var at = 0;
        Put(destination, ref at, SeqPrefix);
        Put(destination, ref at, seqDigits);
        Put(destination, ref at, PrevPrefix);
        Put(destination, ref at, prevHex);
        Put(destination, ref at, HashPrefix);
        Put(destination, ref at, hashHex);
        Put(destination, ref at, EnvelopePrefix);
        Put(destination, ref at, envelope);
        destination[at++] = (byte)'}';
        destination[at++] = (byte)'\n';
        return at;
    }

    private static void Put(Span<byte> destination, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        at += bytes.Length;
    }
}
