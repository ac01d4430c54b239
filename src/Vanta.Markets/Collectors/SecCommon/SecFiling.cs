namespace Vanta.Markets.Collectors.SecCommon;

/// <summary>
/// What the SGML wrapper of a full submission says about the filing its XML documents belong to:
/// the parsers use it instead of what they would infer from the URI and the signature date.
/// </summary>
/// <param name="AccessionNumber">e.g. <c>0001790565-23-000009</c>.</param>
/// <param name="AcceptedAt">EDGAR acceptance time in UTC, when the header has one.</param>
/// <param name="FiledOn">The FILED AS OF DATE, when the header has one.</param>
internal sealed record SecFiling(string AccessionNumber, DateTimeOffset? AcceptedAt, DateOnly? FiledOn);
