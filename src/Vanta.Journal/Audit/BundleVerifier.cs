using System.IO.Compression;
using System.Security.Cryptography;

namespace Vanta.Journal.Audit;

/// <summary>
/// Checks an audit bundle on its own, the way its README tells an auditor to: every file against
/// <c>SHA256SUMS</c> and the manifest, every record's hash, event id and prev link from the manifest's anchor
/// on, the seq range, the window, the Merkle root and the config documents. Stops at the first problem,
/// naming the file and, for a record, its seq. Record-level problems are looked for before file digests,
/// so an edited line is reported at its seq rather than as a changed file.
/// </summary>
public static class BundleVerifier
{
    public static BundleVerifyResult Verify(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Verify(file);
    }

    public static BundleVerifyResult Verify(Stream bundle)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            return BundleVerifyResult.Bad(null, null, null, $"not a readable zip archive: {e.Message}");
        }
        using (zip)
        {
            var check = new BundleCheck(zip);
            try
            {
                return check.Run();
            }
            catch (InvalidDataException e)
            {
                // Damage in the archive itself: a bad CRC or deflate stream in one of the entries.
                return BundleVerifyResult.Bad(check.Manifest, check.Reading, null, $"cannot be read from the archive: {e.Message}");
            }
        }
    }
}

/// <summary>One verification of one archive; each step returns the first problem it finds, or null.</summary>
internal sealed partial class BundleCheck(ZipArchive zip)
{
    private const long SmallFileLimit = 64L << 20;

    private readonly Dictionary<string, ZipArchiveEntry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BundleFile> digests = new(StringComparer.Ordinal);
    private List<(string Path, string Sha256)> sums = [];

    public BundleManifest? Manifest { get; private set; }

    /// <summary>The entry being read, to name it when the archive fails under us.</summary>
    public string? Reading { get; private set; }

    public BundleVerifyResult Run() =>
        Entries() ?? Sums() ?? ReadManifest() ?? Records() ?? Configs() ?? Files() ?? BundleVerifyResult.Good(Manifest!);

    private BundleVerifyResult? Entries()
    {
        foreach (var entry in zip.Entries)
        {
            if (!entries.TryAdd(entry.FullName, entry))
                return Bad(entry.FullName, null, "appears twice in the archive");
        }
        foreach (var required in new[] { BundleLayout.Manifest, BundleLayout.Sums, BundleLayout.Records, BundleLayout.Readme })
        {
            if (!entries.ContainsKey(required))
                return Bad(required, null, "is missing from the archive");
        }
        return null;
    }

    private BundleVerifyResult? Sums()
    {
        try
        {
            sums = BundleLayout.ParseSums(ReadSmall(BundleLayout.Sums));
        }
        catch (InvalidDataException e)
        {
            return Bad(BundleLayout.Sums, null, e.Message);
        }
        var duplicate = sums.GroupBy(s => s.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : Bad(BundleLayout.Sums, null, $"lists {duplicate.Key} twice");
    }

    private BundleVerifyResult? ReadManifest()
    {
        var bytes = ReadSmall(BundleLayout.Manifest);
        // The manifest is trusted only once its digest agrees with SHA256SUMS: every later check leans on it.
        var problem = Digest(BundleLayout.Manifest, bytes);
        if (problem is not null)
            return problem;
        try
        {
            Manifest = ManifestJson.Read(bytes);
        }
        catch (InvalidDataException e)
        {
            return Bad(BundleLayout.Manifest, null, e.Message);
        }
        var r = Manifest.Records;
        if (r.FirstSeq != Manifest.Anchor.Seq + 1 || r.Count != r.LastSeq - r.FirstSeq + 1 || r.InWindow > r.Count)
            return Bad(BundleLayout.Manifest, null, $"records (first_seq {r.FirstSeq}, last_seq {r.LastSeq}, count {r.Count}, in_window {r.InWindow}) do not agree with each other and anchor seq {Manifest.Anchor.Seq}");
        if (Manifest.ChainHead.Seq < r.LastSeq)
            return Bad(BundleLayout.Manifest, null, $"chain_head seq {Manifest.ChainHead.Seq} is before the last record, seq {r.LastSeq}");
        return null;
    }

    /// <summary>
    /// Compares a file's digest with its line in SHA256SUMS and, except for the manifest itself, its entry in the
    /// manifest; remembers it for the final comparison of file lists.
    /// </summary>
    private BundleVerifyResult? Digest(string path, BundleFile actual)
    {
        digests[path] = actual;
        var listed = sums.FindIndex(s => s.Path == path);
        if (listed < 0)
            return Bad(BundleLayout.Sums, null, $"does not list {path}");
        if (sums[listed].Sha256 != actual.Sha256)
            return Bad(path, null, $"SHA-256 is {actual.Sha256} but SHA256SUMS says {sums[listed].Sha256} (the file or that line was changed)");
        if (path == BundleLayout.Manifest)
            return null;
        var inManifest = Manifest!.Files.FirstOrDefault(f => f.Path == path);
        if (inManifest is null)
            return Bad(BundleLayout.Manifest, null, $"files does not list {path}");
        return inManifest == actual ? null
            : Bad(path, null, $"SHA-256 {actual.Sha256} ({actual.Bytes} bytes) does not match manifest.json ({inManifest.Sha256}, {inManifest.Bytes} bytes)");
    }

    private BundleVerifyResult? Digest(string path, byte[] bytes) =>
        Digest(path, new BundleFile(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length));

    private byte[] ReadSmall(string path)
    {
        Reading = path;
        var entry = entries[path];
        if (entry.Length > SmallFileLimit)
            throw new InvalidDataException($"{path} claims {entry.Length} bytes, more than a bundle's small files may hold");
        using var stream = entry.Open();
        using var copy = new MemoryStream((int)entry.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private BundleVerifyResult Bad(string? file, long? seq, string problem) => BundleVerifyResult.Bad(Manifest, file, seq, problem);
}
