using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>
/// Reads Reddit API payloads into <see cref="SocialPost"/>s: a <c>Listing</c> of submissions (<c>t3</c>) and
/// comments (<c>t1</c>), or the comments endpoint's array of two Listings (the post, then its comment tree,
/// whose nested <c>replies</c> are flattened after their parent). A child of another kind or lacking a field
/// is quarantined as <c>children[i]</c> (zero-based, as in the JSON; nested ones as
/// <c>[1].children[0].replies.children[2]</c>); <c>more</c> stubs are not posts and are listed in
/// <see cref="RedditListingPage.More"/>; a payload that is not a Listing is quarantined whole; truncated JSON
/// keeps the posts read before the break. Kinds: <see cref="RedditKind"/>, and <see cref="SourceKind"/>
/// (<c>reddit-listing</c>, the sample tape's name for the same documents).
/// </summary>
public sealed class RedditListingParser : IDocumentParser
{
    /// <summary>The tape's kind for Reddit payloads, kept as an alias of <see cref="RedditKind"/>.</summary>
    public const string SourceKind = "reddit-listing";

    /// <summary>The <see cref="RawDocument.Source"/> kind of live and recorded Reddit API payloads.</summary>
    public const string RedditKind = "reddit";

    /// <summary>The comments endpoint (a post and its comment tree), as the live collector records it.</summary>
    public const string CommentsKind = "reddit-comments";

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 1024 };

    private readonly RedditSymbols _symbols;

    /// <summary>A parser that maps mentions with <paramref name="symbols"/>, for the tape kind <see cref="SourceKind"/>.</summary>
    public RedditListingParser(RedditSymbols symbols)
        : this(symbols, SourceKind)
    {
    }

    /// <summary>A parser for <paramref name="sourceKind"/>: <see cref="RedditKind"/>, <see cref="SourceKind"/> or <see cref="CommentsKind"/>.</summary>
    public RedditListingParser(RedditSymbols symbols, string sourceKind)
    {
        if (sourceKind is not (RedditKind or SourceKind or CommentsKind))
            throw new ArgumentException($"'{sourceKind}' is not a Reddit source kind", nameof(sourceKind));
        _symbols = symbols;
        Source = sourceKind;
    }

    public string Source { get; }

    public ParseResult Parse(RawDocument document) => ParsePage(document).Result;

    /// <summary>Parses a payload and returns its paging cursors and <c>more</c> stubs with the posts.</summary>
    public RedditListingPage ParsePage(RawDocument document)
    {
        var state = new RedditJsonReader(document, Source, _symbols);
        var reader = new Utf8JsonReader(DocumentBytes.WithoutBom(document.Content).Span, Options);
        try
        {
            if (!state.ReadDocument(ref reader))
                return Whole(document, RedditReasons.NotListing);
        }
        catch (JsonException e)
        {
            // Children read before the break are kept: each was a complete, validated object.
            state.Quarantine(document.Uri, RedditReasons.NotJson(e.Message));
        }
        return new RedditListingPage(
            new ParseResult([.. state.Posts], state.Quarantined.ToImmutable()), state.After, state.Before, [.. state.More]);
    }

    private RedditListingPage Whole(RawDocument document, string reason) =>
        new(new ParseResult([], [new QuarantineEntry(Source, document.Uri, reason, document.Sha256, document.FetchedAt)]),
            null, null, []);
}
