namespace Vanta.Cli.Embedded;

/// <summary>What one embedded run did, for the closing table and for tests.</summary>
public sealed record RunSummary(
    string TapeName,
    int Documents,
    int Observations,
    int Quarantined,
    int Duplicates,
    int Late,
    int Swarms,
    int Convictions,
    int Intents,
    int Orders,
    int Fills,
    decimal StartingCapital,
    decimal FinalEquity,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal FeesPaid,
    long JournalRecords,
    long JournalAppended,
    string JournalHead)
{
    /// <summary>Orders the risk fences refused, by typed reason.</summary>
    public IReadOnlyDictionary<string, int> RiskDenials { get; init; } = new Dictionary<string, int>();

    /// <summary>Everything read from the tape: raw documents and the observations parsed from them.</summary>
    public int EventsRead => Documents + Observations;

    public decimal TotalPnl => FinalEquity - StartingCapital;
}
