namespace Vanta.Journal.Tests;

/// <summary>Option values may be written in config files: their numbers are frozen.</summary>
public sealed class PersistedValueTests
{
    [Fact]
    public void Fsync_policy_and_verify_mode_values_are_frozen()
    {
        Assert.Equal([1, 2, 3], Enum.GetValues<FsyncPolicy>().Select(p => (int)p));
        Assert.Equal(["Always", "Batch", "Never"], Enum.GetNames<FsyncPolicy>());
        Assert.Equal([1, 2], Enum.GetValues<VerifyMode>().Select(m => (int)m));
        Assert.Equal(["Full", "ChainOnly"], Enum.GetNames<VerifyMode>());
    }
}
