using System.Collections.Immutable;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Vanta.Core.Stages;

namespace Vanta.Journal.Audit;

/// <summary>Outcome of an export: the manifest written, or why nothing was.</summary>
public sealed record AuditExportResult(BundleManifest? Manifest, string? Problem)
{
    public bool Ok => Manifest is not null;
}

/// <summary>
/// Writes an audit bundle: the records of an event-time window exactly as their journal lines, the config
/// documents they used, a manifest and a README (see <see cref="BundleReadme"/> for the format). The journal
/// is verified first: a bundle is only cut from a chain that checks out. Same journal and window, same bytes.
/// </summary>
public static class AuditExport
{
    /// <summary>Writes the bundle to <paramref name="path"/> through a temporary file, so a failed export leaves nothing half-written.</summary>
    public static AuditExportResult WriteFile(string journalDirectory, AuditWindow window, string path)
    {
        var temp = path + ".partial";
        try
        {
            AuditExportResult result;
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
                result = Write(journalDirectory, window, file);
            if (result.Ok)
                File.Move(temp, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temp); // nothing to do after a successful move
        }
    }

    public static AuditExportResult Write(string journalDirectory, AuditWindow window, Stream output)
    {
        var verified = JournalVerifier.Verify(journalDirectory);
        if (!verified.Ok)
            return new(null, $"the journal does not verify (first bad seq {verified.FirstBadSeq}: {verified.Problem}); export refused");

        // Records appended after the verification are not part of this export: the chain head stays the verified one.
        var scan = WindowScan.Run(journalDirectory, window, verified.Head.Seq);
        if (scan.InWindow == 0)
            return new(null, $"no journal record has a ts_event in {window}" + scan.Span());
        var configs = SelectConfigs(scan, window, out var problem);
        if (configs is null)
            return new(null, problem);

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var files = new List<BundleFile>();
        var records = WriteRecords(zip, journalDirectory, scan, out var anchor, out var merkleRoot);
        files.Add(records);
        var described = configs.Select(c => (Journaled: c.Config, Manifest: Describe(c.Config, c.Reasons))).ToList();
        foreach (var (journaled, config) in described)
        {
            files.Add(Entry(zip, config.ContentFile, Encoding.UTF8.GetBytes(journaled.Document.Content)));
            files.Add(Entry(zip, config.RecordFile, journaled.Line));
        }
        files.Add(Entry(zip, BundleLayout.Readme, Encoding.UTF8.GetBytes(BundleReadme.Text)));

        var manifest = new BundleManifest(
            window,
            new BundleRecords(scan.LastSeq - scan.FirstSeq + 1, scan.FirstSeq, scan.LastSeq, scan.InWindow),
            anchor,
            verified.Head,
            merkleRoot,
            [.. described.Select(c => c.Manifest)],
            [.. files]);
        files.Add(Entry(zip, BundleLayout.Manifest, ManifestJson.Write(manifest)));
        BundleLayout.WriteEntry(zip, BundleLayout.Sums, BundleLayout.RenderSums(files));
        return new(manifest, null);
    }

    private static BundleConfig Describe(JournaledConfig c, ImmutableArray<string> reasons) =>
        new(c.Document.Kind, c.Document.Version, c.Seq, c.Document.EffectiveAt.ToUniversalTime(), reasons);

    private static BundleFile Entry(ZipArchive zip, string path, ReadOnlySpan<byte> content)
    {
        BundleLayout.WriteEntry(zip, path, content);
        return new BundleFile(path, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
    }

    /// <summary>
    /// The configs to ship, in seq order with why: per kind the latest in effect at the window's start, every
    /// version an intent in the bundle names, and every config journaled inside the bundle's records.
    /// </summary>
    private static List<(JournaledConfig Config, ImmutableArray<string> Reasons)>? SelectConfigs(WindowScan scan, AuditWindow window, out string? problem)
    {
        problem = null;
        var reasons = new SortedDictionary<long, (JournaledConfig Config, HashSet<string> Why)>();
        void Add(JournaledConfig c, string why)
        {
            if (!reasons.TryGetValue(c.Seq, out var entry))
                reasons[c.Seq] = entry = (c, []);
            entry.Why.Add(why);
        }

        foreach (var c in scan.Configs)
        {
            if (!BundleLayout.IsSafeKind(c.Document.Kind) || Vanta.Core.Ids.ContentHash.Sha256Hex(c.Document.Content) != c.Document.Version)
            {
                problem = $"the config at seq {c.Seq} has kind '{c.Document.Kind}' and version '{c.Document.Version}': the kind must be [a-z0-9_] and the version the SHA-256 of its content";
                return null;
            }
        }
        var journaledBy = scan.Configs.Where(c => c.Seq <= scan.LastSeq).ToList();
        foreach (var kind in journaledBy.GroupBy(c => c.Document.Kind, StringComparer.Ordinal))
        {
            var active = kind.Where(c => c.Document.EffectiveAt <= window.From)
                .OrderBy(c => c.Document.EffectiveAt).ThenBy(c => c.Seq).LastOrDefault();
            if (active is not null)
                Add(active, BundleConfig.ActiveAtStart);
        }
        foreach (var (seq, version) in scan.Intents.Where(i => i.Seq >= scan.FirstSeq && i.Seq <= scan.LastSeq))
        {
            var used = scan.Configs.FirstOrDefault(c => c.Document.Version == version);
            if (used is null)
            {
                problem = $"the allocation intent at seq {seq} used config version {version}, which is not journaled; the bundle could not show it";
                return null;
            }
            Add(used, BundleConfig.Referenced);
        }
        foreach (var c in scan.Configs.Where(c => c.Seq >= scan.FirstSeq && c.Seq <= scan.LastSeq))
            Add(c, BundleConfig.InRange);

        string[] order = [BundleConfig.ActiveAtStart, BundleConfig.Referenced, BundleConfig.InRange];
        return [.. reasons.Values.Select(e => (e.Config, order.Where(e.Why.Contains).ToImmutableArray()))];
    }

    /// <summary>Copies the lines from FirstSeq to LastSeq byte for byte, hashing the file and building the Merkle root as they pass.</summary>
    private static BundleFile WriteRecords(ZipArchive zip, string journalDirectory, WindowScan scan, out JournalHead anchor, out string merkleRoot)
    {
        anchor = default;
        var merkle = new MerkleRoot();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        using (var stream = BundleLayout.CreateEntry(zip, BundleLayout.Records).Open())
        {
            foreach (var segment in JournalSegments.List(journalDirectory))
            {
                using var reader = new LineChunkReader(segment.Path);
                while (reader.TryRead(out var memory, out _))
                {
                    var chunk = memory.Span;
                    int runStart = -1, runEnd = -1, at = 0;
                    while (at < chunk.Length)
                    {
                        var length = chunk[at..].IndexOf((byte)'\n');
                        if (length < 0)
                            break; // an unterminated tail is not a record
                        var line = chunk.Slice(at, length);
                        if (!JournalLine.TryParse(line, out var parsed))
                            throw new InvalidDataException($"{segment.Name}: not a journal record at byte {at} of a chunk");
                        if (parsed.Seq >= scan.FirstSeq && parsed.Seq <= scan.LastSeq)
                        {
                            if (parsed.Seq == scan.FirstSeq)
                                anchor = new JournalHead(parsed.Seq - 1, Encoding.ASCII.GetString(parsed.Prev(line)));
                            merkle.AddHex(parsed.Hash(line));
                            runStart = runStart < 0 ? at : runStart;
                            runEnd = at + length + 1;
                        }
                        at += length + 1;
                    }
                    if (runStart >= 0)
                    {
                        var run = chunk[runStart..runEnd];
                        stream.Write(run);
                        sha.AppendData(run);
                        bytes += run.Length;
                    }
                }
            }
        }
        merkleRoot = merkle.RootHex()!;
        return new BundleFile(BundleLayout.Records, Convert.ToHexStringLower(sha.GetHashAndReset()), bytes);
    }
}
