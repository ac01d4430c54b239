using System.Text.Json;
using Vanta.Http;

namespace Vanta.Markets.Harvest;

/// <summary>The outcome of reading <c>harvest.json</c>: a config, or errors that each name the field.</summary>
public sealed record HarvestConfigResult(HarvestConfig? Config, IReadOnlyList<string> Errors)
{
    public bool IsSuccess => Config is not null;
}

/// <summary>Loads and validates <c>memory/harvest.json</c>; writes the default (replay mode, collectors off) when missing.</summary>
public static class HarvestConfigLoader
{
    /// <summary>The file a fresh home gets: offline replay, every live collector switched off.</summary>
    public const string DefaultJson = """
        {
          "schema_version": 1,
          "mode": "replay",
          "user_agents": {
            "sec": "Vanta Operator operator@example.com",
            "reddit": "linux:vanta:0.1 (by /u/vanta-operator)",
            "default": "vanta/0.1 (+https://github.com/vanta)"
          },
          "sec_edgar": { "enabled": false, "forms": ["4", "4/A"], "submission_ciks": [], "base_url": null, "data_base_url": null },
          "reddit": { "enabled": false, "subreddits": ["wallstreetbets", "stocks"], "sort": "new", "token_url": null, "api_base_url": null },
          "rss": { "enabled": false, "feeds": [] },
          "fred": { "enabled": false, "series": ["DGS10"], "base_url": null },
          "coinbase": { "enabled": false, "products": ["BTC-USD"], "exchange_base_url": null, "advanced_base_url": null },
          "bybit": { "enabled": false, "category": "spot", "symbols": ["BTCUSDT"], "interval": "D", "base_url": null },
          "coingecko": { "enabled": false, "ids": ["bitcoin", "ethereum"], "vs_currencies": ["usd"], "base_url": null },
          "max_pages": 1,
          "page_size": 100
        }
        """;

    public static bool WriteDefaultIfMissing(string path) => ConfigFile.WriteDefaultIfMissing(path, DefaultJson);

    public static HarvestConfigResult Load(string path) => ConfigFile.Load(path, (json, file) => Parse(json, file), error => new HarvestConfigResult(null, [error]));

    public static HarvestConfigResult Parse(string json, string file = HarvestConfig.FileName) =>
        ConfigFile.Read(json, file, Read, error => new HarvestConfigResult(null, [error]));

    private static HarvestConfigResult Read(JsonElement root, ConfigReader r)
    {
        r.Int(root, "schema_version", "", 1, 1, 1);
        var mode = r.String(root, "mode", "", "replay", m => m is "replay" or "live", "\"replay\" or \"live\"") == "live" ? HarvestMode.Live : HarvestMode.Replay;
        var agents = ReadAgents(r, r.Object(root, "user_agents", ""));
        var collectors = CollectorSettingsReader.ReadAll(r, root);
        var maxPages = r.Int(root, "max_pages", "", 1, 1, 100);
        var pageSize = r.Int(root, "page_size", "", 100, 1, 100);
        return r.Errors.Count > 0
            ? new(null, r.Errors)
            : new(new HarvestConfig(mode, agents, collectors, maxPages, pageSize), []);
    }

    private static UserAgentSettings ReadAgents(ConfigReader r, JsonElement? agents)
    {
        if (agents is not { } a)
            return new("Vanta Operator operator@example.com", "linux:vanta:0.1 (by /u/vanta-operator)", "vanta/0.1");
        return new(
            r.String(a, "sec", "user_agents", "Vanta Operator operator@example.com", UserAgents.IsValidSec, "\"Name email@domain\" as the SEC requires"),
            r.String(a, "reddit", "user_agents", "linux:vanta:0.1 (by /u/vanta-operator)", UserAgents.IsValidReddit, "\"platform:app-id:version (by /u/user)\" as Reddit requires"),
            r.String(a, "default", "user_agents", "vanta/0.1"));
    }
}
