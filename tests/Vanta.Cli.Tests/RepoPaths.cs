namespace Vanta.Cli.Tests;

/// <summary>Paths inside the repository, found by walking up to Vanta.slnx.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleTape => Path.Combine(Root, "samples", "tape");

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vanta-{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}");
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int _counter;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vanta.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Vanta.slnx not found above " + AppContext.BaseDirectory);
    }
}
