using System.CommandLine;
using System.Text.Json;
using Vanta.Cli.Embedded;
using Vanta.Core.Domain;
using Vanta.Core.Serialization;
using Vanta.Markets.Collectors;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta harvest</c>: run Markets' parsers and collectors by hand.</summary>
public static class HarvestCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Source kind: " + string.Join(", ", ParserCatalog.Kinds), Required = true };
        var files = new Argument<string[]>("FILE") { Description = "Recorded payloads to parse", Arity = ArgumentArity.OneOrMore };
        var uri = new Option<string?>("--uri")
        {
            Description = "The URL the payload was fetched from, when the parser needs it (product, granularity, series id), "
                + "e.g. https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/candles?granularity=ONE_HOUR",
        };
        var parse = new Command("parse", "Parse recorded payloads and print the normalised observations as JSON lines (snake_case)") { source, uri, files };
        parse.SetAction(result => Parse(result.GetValue(source)!, result.GetValue(files)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, result.GetValue(uri)));
        var home = VantaCommandLine.HomeOption();
        var collector = new Option<string>("--source")
        {
            Description = "Collector from harvest.json: sec-edgar, reddit, rss, fred, coinbase, bybit, coingecko",
            Required = true,
        };
        var pages = new Option<int?>("--pages") { Description = "Pages to fetch (default: max_pages in harvest.json)" };
        var fetch = new Command("fetch", "Run one collector live (network; secrets from the environment) and journal what it fetched") { home, collector, pages };
        fetch.SetAction((result, ct) => HarvestFetch.ExecuteAsync(
            new HarvestFetch.Options(HomeLayout.At(result.GetValue(home)!), result.GetValue(collector)!, result.GetValue(pages), TimeProvider.System, Environment.GetEnvironmentVariable),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, ct));
        return new Command("harvest", "Harvest market and alternative data") { parse, fetch };
    }

    /// <summary>
    /// Prints each file's observations, one JSON object per line. A file with anything quarantined prints
    /// nothing on standard output (its problems go to standard error, naming the file and place) and makes
    /// the exit code 1; the other files are still parsed.
    /// </summary>
    public static int Parse(string kind, IReadOnlyList<string> files, TextWriter output, TextWriter error, string? uri = null)
    {
        if (!ParserCatalog.TryCreate(kind, out var parser))
        {
            error.WriteLine($"vanta harvest parse: unknown source '{kind}'; known: {string.Join(", ", ParserCatalog.Kinds)}");
            return 2;
        }
        var exit = 0;
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{file}: cannot be read: {e.Message}");
                exit = 1;
                continue;
            }
            var document = RawDocument.Of(kind, uri ?? file, ContentTypeOf(file), new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero), bytes);
            var result = parser.Parse(document);
            if (!result.Quarantined.IsEmpty)
            {
                foreach (var entry in result.Quarantined)
                    error.WriteLine(entry.Location.StartsWith(file, StringComparison.Ordinal) ? $"{entry.Location}: {entry.Reason}" : $"{file}: {entry.Location}: {entry.Reason}");
                error.WriteLine($"{file}: not valid {kind} input ({result.Quarantined.Length} problem(s)); nothing printed for it");
                exit = 1;
                continue;
            }
            foreach (var observation in result.Observations)
                output.WriteLine(JsonSerializer.Serialize(observation, VantaJsonContext.Default.GetTypeInfo(observation.GetType())!));
        }
        return exit;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".xml" or ".atom" => "application/xml",
        ".csv" => "text/csv",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };
}
