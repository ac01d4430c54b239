using Microsoft.Win32.SafeHandles;

namespace Vanta.Journal;

/// <summary>
/// The group commit under <see cref="JournalWriter"/>: records are laid into a batch buffer; a full batch is
/// handed to a background write (and fsync, unless <see cref="FsyncPolicy.Never"/>) while appends go on in a
/// second buffer, so the chain never waits on the disk except at an explicit flush. At most one batch is in
/// flight, and it always lands before the next one or a rotation starts, so the file is written in order.
/// </summary>
/// <remarks>Called only under the writer's lock.</remarks>
internal sealed class SegmentSink : IDisposable
{
    private readonly string directory;
    private readonly JournalOptions options;
    private SafeFileHandle handle;
    private int number;
    private long committed;
    private byte[] current;
    private byte[]? spare;
    private int used;
    private Task inFlight = Task.CompletedTask;
    private Exception? failure;

    public SegmentSink(string directory, int number, long length, JournalOptions options)
    {
        this.directory = directory;
        this.options = options;
        this.number = number;
        committed = length;
        current = new byte[options.BatchBytes];
        handle = Open(number);
    }

    /// <summary>Bytes in the current segment, counting those still buffered or in flight.</summary>
    public long SegmentBytes => committed + used;

    /// <summary>The next <paramref name="length"/> bytes of the segment, to be filled before the next call.</summary>
    public Span<byte> Claim(int length)
    {
        ThrowIfFailed();
        if (current.Length - used < length)
        {
            HandOff(wait: false);
            if (current.Length < length)
                current = new byte[length];
        }
        var span = current.AsSpan(used, length);
        used += length;
        return span;
    }

    /// <summary>Writes everything claimed so far and waits until it is written (and fsynced, per policy).</summary>
    public void Commit()
    {
        ThrowIfFailed();
        HandOff(wait: true);
    }

    /// <summary>Commits, closes this segment and opens the next one.</summary>
    public void Rotate()
    {
        Commit();
        handle.Dispose();
        number++;
        committed = 0;
        handle = Open(number);
    }

    private void HandOff(bool wait)
    {
        Await();
        if (used == 0)
            return;
        var batch = current;
        var length = used;
        var offset = committed;
        var target = handle;
        committed += length;
        used = 0;
        current = spare ?? new byte[batch.Length];
        spare = null;
        if (wait)
        {
            Write(target, batch, length, offset);
            spare = batch;
        }
        else
        {
            inFlight = Task.Run(() =>
            {
                Write(target, batch, length, offset);
                spare = batch;
            });
        }
    }

    private void Write(SafeFileHandle target, byte[] batch, int length, long offset)
    {
        RandomAccess.Write(target, batch.AsSpan(0, length), offset);
        if (options.Fsync != FsyncPolicy.Never)
            RandomAccess.FlushToDisk(target);
    }

    private void Await()
    {
        try
        {
            inFlight.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // The chain in memory is now ahead of the disk: refuse further appends; reopening recovers the disk head.
            failure = e;
            inFlight = Task.CompletedTask;
            throw;
        }
    }

    private void ThrowIfFailed()
    {
        if (failure is not null)
            throw new IOException("an earlier journal write failed; reopen the journal to continue from what is on disk", failure);
    }

    private SafeFileHandle Open(int segment) =>
        File.OpenHandle(Path.Combine(directory, JournalSegments.FileName(segment)), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);

    /// <summary>Commits what is buffered (a write failure surfaces here rather than being lost), then closes.</summary>
    public void Dispose()
    {
        try
        {
            if (failure is null)
                HandOff(wait: true);
        }
        finally
        {
            handle.Dispose();
        }
    }
}
