using Vanta.Core.Domain;

namespace Vanta.Markets.Tests;

/// <summary>Where the tests find the bundled sample tape and the shared real data.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset FetchedAt = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The repository root: the nearest folder above the test binaries holding <c>Vanta.slnx</c>.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SampleTape => Path.Combine(RepoRoot, "samples", "tape");

    /// <summary>The shared real data folder (<c>../shared/data</c> from the repository root), or null when absent.</summary>
    public static string? SharedData { get; } =
        Directory.Exists(Path.Combine(RepoRoot, "..", "shared", "data"))
            ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"))
            : null;

    /// <summary>Why a shared-data test is skipped, or null when the data is there.</summary>
    public static string? SharedDataMissing =>
        SharedData is null ? "../shared/data is not present next to the repository" : null;

    public static string Shared(string relative) =>
        Path.Combine(SharedData ?? throw new InvalidOperationException("shared data is absent"), relative);

    /// <summary>A raw document over a file's bytes, named by <paramref name="uri"/>.</summary>
    public static RawDocument Document(string source, string path, string? uri = null) =>
        RawDocument.Of(source, uri ?? Path.GetFileName(path), "application/octet-stream", FetchedAt, File.ReadAllBytes(path));

    public static RawDocument Document(string source, string uri, byte[] content) =>
        RawDocument.Of(source, uri, "application/octet-stream", FetchedAt, content);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vanta.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Vanta.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that runs only when <c>../shared/data</c> is present, and says so when skipped.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        Skip = TestData.SharedDataMissing;
    }
}

/// <summary>A temporary folder removed when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vanta-markets-" + System.IO.Path.GetRandomFileName());
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
