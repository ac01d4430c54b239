using System.Security.Cryptography;
using Vanta.Journal.Audit;

namespace Vanta.Journal.Tests.Audit;

public sealed class MerkleRootTests
{
    private static string Leaf(int i) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));

    /// <summary>The README's definition, level by level, as an auditor's script would compute it.</summary>
    private static string LevelByLevel(List<byte[]> level)
    {
        while (level.Count > 1)
        {
            var up = new List<byte[]>();
            for (var i = 0; i + 1 < level.Count; i += 2)
                up.Add(SHA256.HashData([0x01, .. level[i], .. level[i + 1]]));
            if (level.Count % 2 == 1)
                up.Add(level[^1]);
            level = up;
        }
        return Convert.ToHexStringLower(level[0]);
    }

    [Fact]
    public void Streaming_root_matches_the_level_by_level_definition_for_every_size_up_to_70()
    {
        for (var n = 1; n <= 70; n++)
        {
            var leaves = Enumerable.Range(0, n).Select(Leaf).ToList();
            Assert.Equal(LevelByLevel([.. leaves.Select(Convert.FromHexString)]), MerkleRoot.Of(leaves));
        }
    }

    [Fact]
    public void One_leaf_is_its_own_root_and_two_hash_with_the_node_prefix()
    {
        Assert.Equal(Leaf(7), MerkleRoot.Of([Leaf(7)]));
        var expected = Convert.ToHexStringLower(SHA256.HashData([0x01, .. Convert.FromHexString(Leaf(1)), .. Convert.FromHexString(Leaf(2))]));
        Assert.Equal(expected, MerkleRoot.Of([Leaf(1), Leaf(2)]));
    }

    [Fact]
    public void An_odd_node_is_carried_up_not_duplicated()
    {
        // Duplicating the last leaf would give [a, b, c] and [a, b, c, c] the same root.
        string[] three = [Leaf(1), Leaf(2), Leaf(3)];
        Assert.NotEqual(MerkleRoot.Of(three), MerkleRoot.Of([.. three, Leaf(3)]));
    }

    [Fact]
    public void No_leaves_has_no_root_and_a_bad_leaf_is_refused()
    {
        Assert.Null(MerkleRoot.Of([]));
        Assert.Throws<ArgumentException>(() => MerkleRoot.Of(["abc"]));
    }
}
