namespace Vanta.Testing;

/// <summary>Where the shared real data (<c>../shared/data</c> beside the repository) is, if present.</summary>
public static class SharedData
{
    /// <summary>The folder, or null when it is not there.</summary>
    public static string? Root { get; } = Find();

    /// <summary>Why a test that needs the data is skipped, or null when it is there.</summary>
    public static string? Missing => Root is null ? "../shared/data is not present next to the repository" : null;

    /// <summary>A file's full path under the shared data folder.</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Root ?? throw new InvalidOperationException("shared data is absent"), relative);

    /// <summary>A file's bytes.</summary>
    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vanta.slnx")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }
        return null;
    }
}
