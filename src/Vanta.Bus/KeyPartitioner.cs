using System.Text;

namespace Vanta.Bus;

/// <summary>
/// Maps a partition key to a partition, the same way in every process and on every machine
/// (unlike <see cref="string.GetHashCode()"/>, which is randomised per process).
/// </summary>
/// <remarks>
/// The hash is 32-bit FNV-1a over the key's UTF-8 bytes, finished with MurmurHash3's fmix32 so
/// that short keys spread over the low partitions too, then scaled to the partition count by
/// multiply-shift. It is part of the wire contract between nodes: changing it reorders keys.
/// </remarks>
public static class KeyPartitioner
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitionCount"/>.</summary>
    public static int PartitionOf(string key, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        if (partitionCount == 1)
            return 0;
        return (int)(((ulong)Hash(key) * (uint)partitionCount) >> 32);
    }

    /// <summary>The 32-bit hash of <paramref name="key"/> described on the type.</summary>
    public static uint Hash(string key)
    {
        var hash = FnvOffset;
        foreach (var c in key)
        {
            if (c >= 0x80)
                return HashUtf8(key);
            hash = unchecked((hash ^ c) * FnvPrime);
        }
        return Mix(hash);
    }

    // Keys are nearly always ASCII (symbols, ids); anything else takes the encoding path.
    private static uint HashUtf8(string key)
    {
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes(key))
            hash = unchecked((hash ^ b) * FnvPrime);
        return Mix(hash);
    }

    private static uint Mix(uint h)
    {
        unchecked
        {
            h ^= h >> 16;
            h *= 0x85ebca6b;
            h ^= h >> 13;
            h *= 0xc2b2ae35;
            h ^= h >> 16;
            return h;
        }
    }
}
