using System.Collections.Immutable;

namespace Vanta.Http;

/// <summary>One request through the polite pipeline.</summary>
/// <param name="Source">Source kind stamped on the resulting <c>RawDocument</c>, e.g. <c>sec-form4</c>.</param>
/// <param name="Uri">Absolute URL.</param>
public sealed record FetchRequest(string Source, Uri Uri)
{
    /// <summary>GET unless set (POST for token exchanges).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>Extra request headers (e.g. <c>Authorization</c>); values listed in secrets are masked in results.</summary>
    public ImmutableDictionary<string, string> Headers { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Form fields sent as <c>application/x-www-form-urlencoded</c>, if any.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Form { get; init; } = [];

    /// <summary>
    /// True for answers that must never be journaled or kept (an OAuth token): the sink is skipped and
    /// conditional-request validators are not remembered.
    /// </summary>
    public bool Confidential { get; init; }

    /// <summary>Values to mask wherever this request's URL, headers or errors are reported.</summary>
    public ImmutableArray<string> Secrets { get; init; } = [];
}
