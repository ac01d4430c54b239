using System.Collections.Immutable;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>
/// One parsed Reddit payload with its paging cursors, so that a collector can ask for the next page with
/// <c>after=</c><see cref="After"/> (null: no more pages).
/// </summary>
/// <param name="Result">The posts and comments (replies flattened, parents first) and what was set aside.</param>
/// <param name="After">Fullname to pass as <c>after</c>; for the comments endpoint, that of the comment listing.</param>
/// <param name="Before">Fullname to pass as <c>before</c>, or null.</param>
/// <param name="More">
/// Comment ids named by <c>more</c> stubs: comments that are not in this payload (fetch them with
/// <c>/api/morechildren</c>). A stub is not a post and not an error, so it is neither read nor quarantined.
/// </param>
public sealed record RedditListingPage(ParseResult Result, string? After, string? Before, ImmutableArray<string> More);
