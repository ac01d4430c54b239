using Vanta.Executor.Brokers.Paper;

namespace Vanta.Cli.Embedded;

/// <summary>What <c>vanta run</c> was asked to do.</summary>
public sealed record RunRequest(HomeLayout Home, string TapeDirectory, PaperBrokerOptions PaperBroker, string Node = "local")
{
    /// <summary>The clock of a live harvest (a tape brings its own replay clock).</summary>
    public TimeProvider LiveClock { get; init; } = TimeProvider.System;

    /// <summary>Where secrets come from (REDDIT_CLIENT_SECRET, FRED_API_KEY, ...).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Also write every decision point's features to the Parquet lake under <c>lake/</c>.</summary>
    public bool WriteLake { get; init; }

    /// <summary>HTTP client for live collectors; null for the default one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Paper costs used when none are given: 5 bps slippage, $0.005 a share with a $1 minimum per order.</summary>
    public static PaperBrokerOptions DefaultCosts { get; } = new(SlippageBps: 5m, FeePerShare: 0.005m, MinimumFeePerOrder: 1m, FeeBps: 0m);
}

/// <summary>The outcome of a run: a summary, or an error message with the exit code to return.</summary>
public sealed record RunResult(RunSummary? Summary, string? Error, int ExitCode)
{
    public static RunResult Success(RunSummary summary) => new(summary, null, 0);

    public static RunResult Failure(string error, int exitCode = 2) => new(null, error, exitCode);
}

/// <summary>Snapshot of the vaults' accounts and positions written to <c>memory/pnl_summary.json</c>.</summary>
public sealed record PnlSummary(
    System.Collections.Immutable.ImmutableArray<Core.Domain.PortfolioSnapshot> Vaults,
    System.Collections.Immutable.ImmutableArray<Core.Domain.Position> Positions)
{
    /// <summary>The journal's PnL by vault, conviction band, model and source family, in total and by day.</summary>
    public Executor.Attribution.PnlAttribution? Attribution { get; init; }
}
