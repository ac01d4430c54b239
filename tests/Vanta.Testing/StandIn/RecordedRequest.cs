using System.Collections.Immutable;
using System.Text;

namespace Vanta.Testing.StandIn;

/// <summary>A request as the stand-in server received it.</summary>
/// <param name="Method">e.g. <c>GET</c>.</param>
/// <param name="Path">Decoded path, e.g. <c>/r/stocks/new</c>.</param>
/// <param name="Query">Raw query without the <c>?</c> (empty when none).</param>
/// <param name="Headers">Headers by case-insensitive name; repeated ones joined with ", ".</param>
/// <param name="Body">Request body bytes.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, ImmutableDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>The decoded value of a query parameter, or null.</summary>
    public string? QueryValue(string name) => Pairs(Query).GetValueOrDefault(name);

    /// <summary>The decoded value of a form field in an <c>application/x-www-form-urlencoded</c> body, or null.</summary>
    public string? FormValue(string name) => Pairs(BodyText).GetValueOrDefault(name);

    private static Dictionary<string, string> Pairs(string encoded) =>
        encoded.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(parts => Decode(parts[0]))
            .ToDictionary(g => g.Key, g => Decode(g.First().ElementAtOrDefault(1) ?? ""));

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
