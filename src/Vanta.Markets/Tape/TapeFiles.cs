using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Markets.Tape;

/// <summary>
/// Finds the files of one tape source: the file itself, or the files directly in its folder in ordinal
/// path order. Anything else found there (another extension, a sub-folder) is quarantined, not skipped.
/// </summary>
internal static class TapeFiles
{
    /// <summary>Tape-relative paths (forward slashes) of the source's documents.</summary>
    public static ImmutableArray<string> Of(
        TapeManifest manifest, TapeSource source, ICollection<QuarantineEntry> quarantined, params string[] allowedFolders)
    {
        var full = Path.Combine(manifest.Directory, source.Path);
        if (File.Exists(full))
            return [source.Path];
        if (!System.IO.Directory.Exists(full))
        {
            quarantined.Add(Entry(manifest, source.Kind, source.Path, "source path does not exist"));
            return [];
        }

        var extension = TapeSourceKinds.All[source.Kind].Extension;
        var files = ImmutableArray.CreateBuilder<string>();
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(full).Select(e => Relative(manifest, e)).Order(StringComparer.Ordinal))
        {
            var name = entry[(entry.LastIndexOf('/') + 1)..];
            if (System.IO.Directory.Exists(Path.Combine(manifest.Directory, entry)))
            {
                if (!allowedFolders.Contains(name, StringComparer.Ordinal))
                    quarantined.Add(Entry(manifest, source.Kind, entry, $"unexpected folder in a {source.Kind} source"));
            }
            else if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                files.Add(entry);
            }
            else
            {
                quarantined.Add(Entry(manifest, source.Kind, entry, $"not a {extension} file, which a {source.Kind} source holds"));
            }
        }
        return files.ToImmutable();
    }

    public static string Relative(TapeManifest manifest, string fullPath) =>
        Path.GetRelativePath(manifest.Directory, fullPath).Replace('\\', '/');

    public static QuarantineEntry Entry(TapeManifest manifest, string source, string location, string reason) =>
        new(source, location, reason, null, manifest.RecordedAt);
}
