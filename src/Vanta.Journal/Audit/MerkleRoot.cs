using System.Security.Cryptography;

namespace Vanta.Journal.Audit;

/// <summary>
/// The Merkle root of an audit bundle, built as records stream past in O(log n) memory.
/// Leaves are the 32-byte record hashes (the binary form of each line's <c>hash</c>) in seq order. Each
/// level pairs nodes left to right, a parent being <c>SHA-256(0x01 || left || right)</c>; an odd node at
/// the end of a level is carried up unchanged (never duplicated, so no two leaf lists share a root).
/// The root of one leaf is that leaf. The 0x01 prefix keeps a parent from ever equalling a record hash,
/// whose input starts with an ASCII digit.
/// </summary>
public sealed class MerkleRoot
{
    private const int HashBytes = SHA256.HashSizeInBytes;

    // Perfect subtrees still waiting for a partner, largest first: the binary digits of the leaf count.
    private readonly List<(byte[] Node, int Height)> pending = [];

    public long LeafCount { get; private set; }

    /// <summary>Adds the next leaf, as 64 lower-case hex characters.</summary>
    public void AddHex(ReadOnlySpan<byte> hashHex)
    {
        var leaf = new byte[HashBytes];
        if (hashHex.Length != HashBytes * 2 || Convert.FromHexString(hashHex, leaf, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new ArgumentException("a record hash is 64 hex characters", nameof(hashHex));
        Add(leaf, 0);
    }

    /// <summary>The root, as lower-case hex; null when no leaf was added.</summary>
    public string? RootHex()
    {
        if (pending.Count == 0)
            return null;
        // Carrying odd nodes up level by level makes the same tree as folding the pending subtrees from the right.
        var node = pending[^1].Node;
        for (var i = pending.Count - 2; i >= 0; i--)
            node = Parent(pending[i].Node, node);
        return Convert.ToHexStringLower(node);
    }

    /// <summary>The root of a list of hex record hashes, for tests and small bundles.</summary>
    public static string? Of(IEnumerable<string> hashesHex)
    {
        var root = new MerkleRoot();
        foreach (var hash in hashesHex)
            root.AddHex(System.Text.Encoding.ASCII.GetBytes(hash));
        return root.RootHex();
    }

    private void Add(byte[] node, int height)
    {
        LeafCount += height == 0 ? 1 : 0;
        while (pending.Count > 0 && pending[^1].Height == height)
        {
            node = Parent(pending[^1].Node, node);
            pending.RemoveAt(pending.Count - 1);
            height++;
        }
        pending.Add((node, height));
    }

    private static byte[] Parent(byte[] left, byte[] right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * HashBytes)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashBytes)..]);
        return SHA256.HashData(input);
    }
}
