namespace Vanta.Markets.Tests.Collectors.SecCommon;

/// <summary>A theory that runs only when <c>../shared/data</c> is present, and says so when skipped.</summary>
internal sealed class SecDataTheoryAttribute : TheoryAttribute
{
    public SecDataTheoryAttribute()
    {
        Skip = TestData.SharedDataMissing;
    }
}
