using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Vanta.Core.Ids;

/// <summary>SHA-256 helpers used for content-derived ids and document digests.</summary>
public static class ContentHash
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text) => Sha256Hex(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// A 128-bit id (32 hex chars) over the given parts, separated so that ("ab","c") and ("a","bc") differ.
    /// </summary>
    public static string Id(params ReadOnlySpan<string> parts)
    {
        // One buffer and a one-shot hash: ids are made on every conviction, so no incremental hasher per call.
        var capacity = 0;
        foreach (var part in parts)
            capacity += Encoding.UTF8.GetMaxByteCount(part.Length) + 1;
        byte[]? rented = null;
        var buffer = capacity <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetBytes(part, buffer[length..]);
            buffer[length++] = 0x1f;
        }
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buffer[..length], digest);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
