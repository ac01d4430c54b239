using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Markets.Tape;

/// <summary>
/// Everything read from a tape: the raw documents in read order, every observation merged into
/// event-time order, and everything set aside. <see cref="TapeObservation.DocumentIndex"/> points into
/// <see cref="Documents"/>, so the raw document's event id can be each observation's parent.
/// </summary>
public sealed record TapeReplay(
    TapeManifest Manifest,
    ImmutableArray<RawDocument> Documents,
    ImmutableArray<TapeObservation> Observations,
    ImmutableArray<QuarantineEntry> Quarantined);

/// <summary>An observation with the index of its source document and its position in that document's parse.</summary>
public sealed record TapeObservation(int DocumentIndex, int Position, IObservation Observation);
