using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vanta.Journal;

/// <summary>
/// The hash that chains journal records. For a record with sequence number <c>seq</c>, previous hash
/// <c>prev</c> and envelope bytes <c>E</c>, the hash is the lower-case hex SHA-256 of the byte string
/// <code>ASCII(decimal seq) || 0x0A || ASCII(prev) || 0x0A || E</code>
/// where <c>decimal seq</c> has no sign and no leading zeros, <c>prev</c> is the 64 lower-case hex
/// characters exactly as in the line, and <c>E</c> is the envelope JSON exactly as it appears in the
/// line (from the <c>{</c> after <c>"envelope":</c> up to, not including, the line's final <c>}</c>).
/// Every input is in the line itself, so each record can be checked on its own and in parallel;
/// the chain is then a cheap sequential comparison of each <c>prev</c> with the hash before it.
/// </summary>
public static class JournalHash
{
    /// <summary>Length of a hash in hex characters.</summary>
    public const int HexLength = 64;

    /// <summary>Computes the hash of a record, as lower-case hex.</summary>
    public static string Compute(long seq, string prev, ReadOnlySpan<byte> envelopeJson)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1L);
        if (prev.Length != HexLength)
            throw new ArgumentException($"prev must be {HexLength} hex characters", nameof(prev));
        using var hasher = new ChainHasher();
        Span<byte> hex = stackalloc byte[HexLength];
        hasher.ComputeHex(Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture)), Encoding.ASCII.GetBytes(prev), envelopeJson, hex);
        return Encoding.ASCII.GetString(hex);
    }
}

/// <summary>
/// Hot-path <see cref="JournalHash"/>: one reusable SHA-256 context (creating one per record costs about as
/// much as hashing the record) and a scratch buffer, so the digest runs once over contiguous bytes.
/// Not thread-safe: one per thread.
/// </summary>
internal sealed class ChainHasher : IDisposable
{
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] scratch = new byte[1024];

    /// <summary>Hashes <paramref name="seqDigits"/>, LF, <paramref name="prevHex"/>, LF, <paramref name="envelope"/> into lower-case hex.</summary>
    public void ComputeHex(ReadOnlySpan<byte> seqDigits, ReadOnlySpan<byte> prevHex, ReadOnlySpan<byte> envelope, Span<byte> hashHex)
    {
        var length = seqDigits.Length + 1 + prevHex.Length + 1 + envelope.Length;
        if (scratch.Length < length)
            scratch = new byte[Math.Max(length, scratch.Length * 2)];
        var input = scratch.AsSpan(0, length);
        seqDigits.CopyTo(input);
        var at = seqDigits.Length;
        input[at++] = (byte)'\n';
        prevHex.CopyTo(input[at..]);
        at += prevHex.Length;
        input[at++] = (byte)'\n';
        envelope.CopyTo(input[at..]);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        sha.AppendData(input);
        sha.GetHashAndReset(digest);
        Convert.TryToHexStringLower(digest, hashHex, out _);
    }

    public void Dispose() => sha.Dispose();
}
