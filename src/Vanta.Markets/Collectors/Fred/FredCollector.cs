using System.Globalization;
using System.Runtime.CompilerServices;
using Vanta.Http;

namespace Vanta.Markets.Collectors.Fred;

/// <summary>FRED series observations. The api_key travels in the query, so the policy must list <c>api_key</c> as secret.</summary>
/// <param name="Base">Default <c>https://api.stlouisfed.org/fred/</c>.</param>
/// <param name="ApiKey">From <c>FRED_API_KEY</c>.</param>
/// <param name="Series">Series ids, e.g. <c>DGS10</c>.</param>
public sealed record FredOptions(Uri Base, string ApiKey, IReadOnlyList<string> Series)
{
    /// <summary>The real host with the key from <c>FRED_API_KEY</c>, or null when it is unset.</summary>
    public static FredOptions? FromEnvironment(IReadOnlyList<string> series) =>
        Environment.GetEnvironmentVariable("FRED_API_KEY") is { Length: > 0 } key
            ? new FredOptions(new Uri("https://api.stlouisfed.org/fred/"), key, series)
            : null;

    public override string ToString() => $"FredOptions {{ Base = {Base}, ApiKey = {SecretMasker.Mask}, Series = [{string.Join(", ", Series)}] }}";
}

/// <summary>Fetches <c>series/observations</c> for each configured series over the requested date range.</summary>
public sealed class FredCollector(PoliteHttpClient http, FredOptions options) : ICollector
{
    /// <summary>The FRED parser's source kind.</summary>
    public const string Source = "fred";

    public string Name => "fred";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var series in options.Series)
        {
            var query = $"series_id={Uri.EscapeDataString(series)}&api_key={Uri.EscapeDataString(options.ApiKey)}&file_type=json";
            if (request.Since is { } since)
                query += "&observation_start=" + since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (request.Until is { } until)
                query += "&observation_end=" + until.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var fetch = new FetchRequest(Source, new Uri(options.Base, "series/observations?" + query)) { Secrets = [options.ApiKey] };
            yield return await http.FetchAsync(fetch, cancellationToken);
        }
    }
}
