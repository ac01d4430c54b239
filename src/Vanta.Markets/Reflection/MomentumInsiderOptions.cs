namespace Vanta.Markets.Reflection;

/// <summary>Settings of <see cref="MomentumInsiderScorer"/>. Defaults suit daily bars.</summary>
public sealed record MomentumInsiderOptions
{
    /// <summary>Model id and version of the momentum component, as written in <c>contributing_models</c>.</summary>
    public const string MomentumModel = "momentum@1";

    /// <summary>Model id and version of the insider-flow component.</summary>
    public const string InsiderModel = "insider-flow@1";

    /// <summary>Bars between the close compared and the current close; a symbol is warm after this many plus one.</summary>
    public int LookbackBars { get; init; } = 20;

    /// <summary>How long an insider's open-market trade keeps counting after its filing became public.</summary>
    public TimeSpan InsiderWindow { get; init; } = TimeSpan.FromDays(30);

    public decimal MomentumWeight { get; init; } = 0.6m;

    public decimal InsiderWeight { get; init; } = 0.4m;

    /// <summary>The lookback return (0.10 = 10%) at which the momentum signal reaches half its weight.</summary>
    public decimal MomentumScale { get; init; } = 0.10m;

    /// <summary>The net insider buying, in dollars, at which the insider signal reaches half its weight.</summary>
    public decimal InsiderReferenceValue { get; init; } = 1_000_000m;

    /// <summary>How long a conviction may be acted on after it is issued.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromDays(4);

    /// <summary>Decimal places of every component and of the score.</summary>
    public int Scale { get; init; } = 6;

    /// <summary>Throws when a setting cannot work; a bad configuration is a bug in the composition root.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(LookbackBars, 1, nameof(LookbackBars));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InsiderWindow, TimeSpan.Zero, nameof(InsiderWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(MomentumWeight, nameof(MomentumWeight));
        ArgumentOutOfRangeException.ThrowIfNegative(InsiderWeight, nameof(InsiderWeight));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MomentumScale, 0m, nameof(MomentumScale));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InsiderReferenceValue, 0m, nameof(InsiderReferenceValue));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Ttl, TimeSpan.Zero, nameof(Ttl));
        ArgumentOutOfRangeException.ThrowIfNegative(Scale, nameof(Scale));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Scale, 12, nameof(Scale));
    }
}
