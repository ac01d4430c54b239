using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Vanta.Markets.Tape;

/// <summary>
/// A tape's <c>tape.json</c>: a named window of recorded documents, the time they were recorded
/// (stamped on every <c>RawDocument</c> read from it) and its sources in replay order.
/// </summary>
/// <param name="Directory">Absolute path of the tape folder; source paths are relative to it.</param>
/// <param name="From">First day of the window the tape covers (descriptive; the files are already cut to it).</param>
public sealed record TapeManifest(
    string Directory,
    string Name,
    DateOnly From,
    DateOnly To,
    DateTimeOffset RecordedAt,
    ImmutableArray<TapeSource> Sources)
{
    /// <summary>The manifest's file name inside a tape folder.</summary>
    public const string FileName = "tape.json";

    /// <summary>Reads <c>tape.json</c> from <paramref name="tapeDirectory"/>; errors name the file and field.</summary>
    public static TapeManifestResult Load(string tapeDirectory)
    {
        var directory = Path.GetFullPath(tapeDirectory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return TapeManifestResult.Invalid($"{path}: tape manifest not found");

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TapeManifestResult.Invalid($"{path}: cannot be read: {e.Message}");
        }

        try
        {
            using var json = JsonDocument.Parse(Collectors.DocumentBytes.WithoutBom(bytes));
            var error = TapeManifestReader.TryRead(json.RootElement, directory, out var manifest);
            return error is null ? TapeManifestResult.Valid(manifest!) : TapeManifestResult.Invalid($"{path}: {error}");
        }
        catch (JsonException e)
        {
            return TapeManifestResult.Invalid($"{path}: not valid JSON: {e.Message}");
        }
    }
}

/// <summary>One source of a tape: a parser kind and a file or folder relative to the tape.</summary>
public sealed record TapeSource(string Kind, string Path);

/// <summary>The outcome of <see cref="TapeManifest.Load"/>: a manifest, or an error naming the file and field.</summary>
public sealed record TapeManifestResult(TapeManifest? Manifest, string? Error)
{
    [MemberNotNullWhen(true, nameof(Manifest))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Manifest is not null;

    public static TapeManifestResult Valid(TapeManifest manifest) => new(manifest, null);

    public static TapeManifestResult Invalid(string error) => new(null, error);
}
