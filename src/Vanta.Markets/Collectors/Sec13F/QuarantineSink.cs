using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.Sec13F;

/// <summary>Collects quarantine entries for one raw document; locations are <c>uri#prefix+path</c>.</summary>
internal sealed class QuarantineSink(RawDocument document, string prefix)
{
    private readonly ImmutableArray<QuarantineEntry>.Builder _entries = ImmutableArray.CreateBuilder<QuarantineEntry>();

    public ImmutableArray<QuarantineEntry> Entries => _entries.ToImmutable();

    public void Add(string path, string reason) => _entries.Add(
        new QuarantineEntry(Sec13FParser.SourceKind, $"{document.Uri}#{prefix}{path}", reason, document.Sha256, document.FetchedAt));
}
