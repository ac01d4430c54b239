using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;

namespace Vanta.Markets.Enrichment;

/// <summary>What identifies an observation for deduplication.</summary>
/// <param name="Kind"><see cref="Accession"/>, <see cref="Post"/>, <see cref="News"/> or <see cref="Content"/>.</param>
/// <param name="Value">The identifying value within the kind.</param>
public readonly record struct DedupKey(string Kind, string Value)
{
    /// <summary>An SEC accession number (a filing notice), or an accession number and one table row (an insider transaction).</summary>
    public const string Accession = "sec-accession";

    /// <summary>A social post id on its platform.</summary>
    public const string Post = "post";

    /// <summary>A news item id within its source.</summary>
    public const string News = "news";

    /// <summary>The SHA-256 of the observation's canonical JSON.</summary>
    public const string Content = "content";

    /// <summary><c>kind:value</c>.</summary>
    public override string ToString() => Kind + ":" + Value;

    /// <summary>
    /// The key of <paramref name="observation"/>: a filing notice by accession number (the EDGAR feed lists a Form 4
    /// once per reporting owner and once for the issuer); an insider transaction by its document's accession number
    /// and the row's content (a filing holds many rows, and a filing read twice repeats them all); a social post by
    /// platform and id; a news item by source and id when it has one; anything else by content hash.
    /// </summary>
    public static DedupKey For(IObservation observation) => observation switch
    {
        FilingNotice { AccessionNumber.Length: > 0 } f => new(Accession, f.AccessionNumber.Trim()),
        InsiderTransaction t => new(Accession, t.DocumentId.Trim() + "/" + Sha256(t with { TsEvent = default })[..16]),
        SocialPost { Id.Length: > 0 } p => new(Post, p.Platform.ToLowerInvariant() + "/" + p.Id),
        NewsItem { Id.Length: > 0 } n => new(News, n.Source + "/" + n.Id),
        _ => new(Content, Sha256(observation)),
    };

    private static string Sha256(IObservation observation) =>
        ContentHash.Sha256Hex(JsonSerializer.SerializeToUtf8Bytes(observation, observation.GetType(), VantaJsonContext.Default));
}
