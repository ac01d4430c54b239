using Vanta.Cli.Embedded;

namespace Vanta.Cli.Tests;

/// <summary>One run of the bundled sample tape, shared by the tests that only read its results.</summary>
public sealed class SampleRunFixture : IAsyncLifetime
{
    public string Home { get; } = RepoPaths.NewTempDirectory("home");

    public RunSummary Summary { get; private set; } = null!;

    public HomeLayout Layout => HomeLayout.At(Home);

    public async Task InitializeAsync() => Summary = await VantaRunner.RunAsync(Home);

    public Task DisposeAsync()
    {
        Directory.Delete(Home, recursive: true);
        return Task.CompletedTask;
    }
}
