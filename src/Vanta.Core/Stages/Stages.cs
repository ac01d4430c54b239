using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Core.Stages;

/// <summary>An observation with the id of the envelope that carried it, for lineage.</summary>
public readonly record struct Observed<T>(EventId EventId, T Value);

/// <summary>What a parser made of one document: the observations it could read and what it set aside.</summary>
public sealed record ParseResult(ImmutableArray<IObservation> Observations, ImmutableArray<QuarantineEntry> Quarantined)
{
    public static ParseResult Empty { get; } = new([], []);
}

/// <summary>Pre-enrichment: turns one raw document into typed observations. Never throws on bad input.</summary>
public interface IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    string Source { get; }

    ParseResult Parse(RawDocument document);
}

/// <summary>Reflection: updates beliefs with one observation and returns the convictions it issues.</summary>
public interface IConvictionScorer
{
    IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation);
}

/// <summary>Alpha: turns a conviction into allocation intents for the vaults it concerns.</summary>
public interface IAllocator
{
    /// <summary>Returns intents; never acts on a conviction expired at <paramref name="now"/>.</summary>
    IReadOnlyList<AllocationIntent> Allocate(Observed<ConvictionVector> conviction, DateTimeOffset now);
}

/// <summary>One step of an order's life at a venue, with the execution when there is one.</summary>
public sealed record ExecutionReport(OrderEvent Event, Fill? Fill);

/// <summary>Executor: a venue that accepts orders. Adapters classify their errors; a rejection is a report, not an exception.</summary>
public interface IBroker
{
    string Name { get; }

    ValueTask<IReadOnlyList<ExecutionReport>> SubmitAsync(Order order, CancellationToken cancellationToken = default);
}

/// <summary>A simulated venue that fills against recorded market data.</summary>
public interface ISimulatedVenue : IBroker
{
    IReadOnlyList<ExecutionReport> OnBar(PriceBar bar);
}
