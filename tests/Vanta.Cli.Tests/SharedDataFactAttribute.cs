using Vanta.Testing;

namespace Vanta.Cli.Tests;

/// <summary>A fact that needs ../shared/data (files that may not ship with the repository); skipped, saying why, when absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.Missing is { } why)
            Skip = why;
    }
}

/// <summary>A theory that needs ../shared/data; skipped, saying why, when absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.Missing is { } why)
            Skip = why;
    }
}
