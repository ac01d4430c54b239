using System.Text;
using Vanta.Core.Envelopes;

namespace Vanta.Journal.Audit;

internal sealed partial class BundleCheck
{
    private readonly Dictionary<long, byte[]> configLines = [];
    private readonly List<(long Seq, string Version)> intents = [];

    private BundleVerifyResult? Records()
    {
        var m = Manifest!;
        Reading = BundleLayout.Records;
        var merkle = new MerkleRoot();
        long inWindow = 0;
        var firstTs = default(DateTimeOffset?);
        var lastTs = default(DateTimeOffset);
        (long Seq, string Problem)? visitProblem = null;

        void Visit(JournalLine parsed, ReadOnlySpan<byte> line)
        {
            merkle.AddHex(parsed.Hash(line));
            // The walk has already checked the envelope (event id recomputed), so its header reads.
            EnvelopeHeader.TryRead(parsed.Envelope(line), out var header);
            firstTs ??= header.TsEvent;
            lastTs = header.TsEvent;
            inWindow += m.Window.Contains(header.TsEvent) ? 1 : 0;
            if (header.Type == EventKinds.Config.Name)
            {
                configLines[parsed.Seq] = [.. line, (byte)'\n'];
            }
            else if (header.Type == EventKinds.AllocationIntent.Name)
            {
                try
                {
                    intents.Add((parsed.Seq, EnvelopeCodec.Deserialize(parsed.Envelope(line)).Read(EventKinds.AllocationIntent).ConfigVersion));
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
                {
                    visitProblem ??= (parsed.Seq, $"seq {parsed.Seq}: the allocation intent's payload does not read: {e.Message}");
                }
            }
        }

        using var stream = entries[BundleLayout.Records].Open();
        using var chunks = new HashingLineChunks(stream);
        var walk = new ChainWalk(VerifyMode.Full, m.Anchor, Visit);
        var problem = walk.Walk(BundleLayout.Records, chunks.TryRead);
        if (visitProblem is { } early)
            return Bad(BundleLayout.Records, early.Seq, early.Problem);
        if (problem is not null)
            return Bad(BundleLayout.Records, walk.Verified + 1, problem);

        var last = walk.Verified;
        if (last == m.Anchor.Seq)
            return Bad(BundleLayout.Records, m.Records.FirstSeq, "holds no records");
        if (last != m.Records.LastSeq)
        {
            return last < m.Records.LastSeq
                ? Bad(BundleLayout.Records, last + 1, $"ends at seq {last} but the manifest's last_seq is {m.Records.LastSeq}: records were removed from the end")
                : Bad(BundleLayout.Records, m.Records.LastSeq + 1, $"runs on to seq {last} past the manifest's last_seq {m.Records.LastSeq}: records were added");
        }
        if (!m.Window.Contains(firstTs!.Value) || !m.Window.Contains(lastTs))
        {
            var (seq, ts) = m.Window.Contains(firstTs.Value) ? (last, lastTs) : (m.Records.FirstSeq, firstTs.Value);
            return Bad(BundleLayout.Records, seq, $"seq {seq} has ts_event {AuditWindow.Iso(ts)}, outside the window {m.Window}; the records must start and end inside it");
        }
        if (inWindow != m.Records.InWindow)
            return Bad(BundleLayout.Manifest, null, $"records.in_window is {m.Records.InWindow} but {inWindow} records have a ts_event in the window");
        var root = merkle.RootHex()!;
        if (root != m.MerkleRoot)
            return Bad(BundleLayout.Manifest, null, $"merkle_root is {m.MerkleRoot} but the records give {root}");
        if (m.ChainHead.Seq == last && m.ChainHead.Hash != walk.Head.Hash)
            return Bad(BundleLayout.Manifest, null, $"chain_head is seq {last} but its hash is not that record's hash {walk.Head.Hash}");
        var sha = chunks.Finish();
        Reading = null;
        return Digest(BundleLayout.Records, new BundleFile(BundleLayout.Records, sha, chunks.Bytes));
    }

    private BundleVerifyResult? Configs()
    {
        var m = Manifest!;
        foreach (var c in m.Configs)
        {
            foreach (var path in new[] { c.RecordFile, c.ContentFile })
            {
                if (!entries.ContainsKey(path))
                    return Bad(path, null, "is missing from the archive");
            }
            var line = ReadSmall(c.RecordFile);
            var content = ReadSmall(c.ContentFile);
            Reading = null;
            if (ConfigRecord.Check(c, line, content) is { } bad)
                return Bad(bad.File, c.Seq, bad.Problem);
            if (c.Seq >= m.Records.FirstSeq && c.Seq <= m.Records.LastSeq
                && !(configLines.TryGetValue(c.Seq, out var inRecords) && inRecords.AsSpan().SequenceEqual(line)))
                return Bad(c.RecordFile, c.Seq, $"is not the line of seq {c.Seq} in {BundleLayout.Records}");
            var digest = Digest(c.RecordFile, line) ?? Digest(c.ContentFile, content);
            if (digest is not null)
                return digest;
        }
        foreach (var (seq, version) in intents)
        {
            if (!m.Configs.Any(c => c.Version == version))
                return Bad(BundleLayout.Records, seq, $"seq {seq}: the allocation intent used config version {version}, which the bundle does not hold");
        }
        return null;
    }

    /// <summary>The remaining files, then the lists: archive, SHA256SUMS and manifest must name the same files in the same order.</summary>
    private BundleVerifyResult? Files()
    {
        var m = Manifest!;
        foreach (var name in entries.Keys.Where(n => !digests.ContainsKey(n) && n != BundleLayout.Sums).ToList())
        {
            var problem = Digest(name, ReadSmall(name));
            Reading = null;
            if (problem is not null)
                return problem;
        }
        var archiveOrder = zip.Entries.Select(e => e.FullName).ToList();
        var expected = m.Files.Select(f => f.Path).Append(BundleLayout.Manifest).Append(BundleLayout.Sums).ToList();
        if (!archiveOrder.SequenceEqual(expected, StringComparer.Ordinal))
            return Bad(BundleLayout.Manifest, null, $"files lists [{string.Join(", ", expected)}] but the archive holds [{string.Join(", ", archiveOrder)}]");
        var canonical = BundleLayout.RenderSums(m.Files.Append(digests[BundleLayout.Manifest]));
        return canonical.AsSpan().SequenceEqual(ReadSmall(BundleLayout.Sums)) ? null
            : Bad(BundleLayout.Sums, null, "is not exactly one 'SHA256  PATH' line per file in archive order:\n" + Encoding.ASCII.GetString(canonical));
    }
}
