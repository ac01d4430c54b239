namespace Vanta.Bus.Tests;

/// <summary>The partitioner is part of the wire contract between nodes: its values are frozen.</summary>
public sealed class KeyPartitionerTests
{
    // Expected values computed independently (FNV-1a 32 over UTF-8, fmix32, multiply-shift).
    [Theory]
    [InlineData("AAPL", 0x877aebfau, 8, 33, 3)]
    [InlineData("MSFT", 0x5df58aeau, 5, 23, 2)]
    [InlineData("BTC-USD", 0x9b011725u, 9, 38, 4)]
    [InlineData("", 0xab3e7c0bu, 10, 42, 4)]
    [InlineData("Société Générale", 0x64021814u, 6, 25, 2)]
    [InlineData("0000320193", 0x2a75e9c3u, 2, 10, 1)]
    public void Hash_and_partitions_are_frozen(string key, uint hash, int of16, int of64, int of7)
    {
        Assert.Equal(hash, KeyPartitioner.Hash(key));
        Assert.Equal(of16, KeyPartitioner.PartitionOf(key, 16));
        Assert.Equal(of64, KeyPartitioner.PartitionOf(key, 64));
        Assert.Equal(of7, KeyPartitioner.PartitionOf(key, 7));
        Assert.Equal(0, KeyPartitioner.PartitionOf(key, 1));
    }

    [Fact]
    public void Symbols_spread_over_every_partition()
    {
        var counts = new int[16];
        for (var i = 0; i < 1_600; i++)
            counts[KeyPartitioner.PartitionOf("SYM" + i, counts.Length)]++;

        Assert.All(counts, c => Assert.InRange(c, 60, 140));
    }

    [Fact]
    public void Partition_count_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyPartitioner.PartitionOf("AAPL", 0));
    }
}
