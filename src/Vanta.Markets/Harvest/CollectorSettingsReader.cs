using System.Collections.Immutable;
using System.Text.Json;

namespace Vanta.Markets.Harvest;

/// <summary>Reads each collector's section of <c>harvest.json</c>.</summary>
internal static class CollectorSettingsReader
{
    public static ImmutableArray<CollectorSettings> ReadAll(ConfigReader r, JsonElement root)
    {
        var list = ImmutableArray.CreateBuilder<CollectorSettings>();
        if (r.Object(root, "sec_edgar", "") is { } sec)
            list.Add(new SecEdgarSettings(r.Bool(sec, "enabled", "sec_edgar", false), r.Strings(sec, "forms", "sec_edgar", ["4", "4/A"]),
                r.Longs(sec, "submission_ciks", "sec_edgar"), r.Url(sec, "base_url", "sec_edgar"), r.Url(sec, "data_base_url", "sec_edgar")));
        if (r.Object(root, "reddit", "") is { } reddit)
            list.Add(new RedditSettings(r.Bool(reddit, "enabled", "reddit", false), r.Strings(reddit, "subreddits", "reddit", []),
                r.String(reddit, "sort", "reddit", "new", s => s is "new" or "hot", "\"new\" or \"hot\""),
                r.Url(reddit, "token_url", "reddit"), r.Url(reddit, "api_base_url", "reddit")));
        if (r.Object(root, "rss", "") is { } rss)
            list.Add(new RssSettings(r.Bool(rss, "enabled", "rss", false), r.Urls(rss, "feeds", "rss")));
        if (r.Object(root, "fred", "") is { } fred)
            list.Add(new FredSettings(r.Bool(fred, "enabled", "fred", false), r.Strings(fred, "series", "fred", []), r.Url(fred, "base_url", "fred")));
        if (r.Object(root, "coinbase", "") is { } coinbase)
            list.Add(new CoinbaseSettings(r.Bool(coinbase, "enabled", "coinbase", false), r.Strings(coinbase, "products", "coinbase", []),
                r.Url(coinbase, "exchange_base_url", "coinbase"), r.Url(coinbase, "advanced_base_url", "coinbase")));
        if (r.Object(root, "bybit", "") is { } bybit)
            list.Add(new BybitSettings(r.Bool(bybit, "enabled", "bybit", false),
                r.String(bybit, "category", "bybit", "spot", c => c is "spot" or "linear" or "inverse", "\"spot\", \"linear\" or \"inverse\""),
                r.Strings(bybit, "symbols", "bybit", []), r.String(bybit, "interval", "bybit", "D"), r.Url(bybit, "base_url", "bybit")));
        if (r.Object(root, "coingecko", "") is { } gecko)
            list.Add(new CoinGeckoSettings(r.Bool(gecko, "enabled", "coingecko", false), r.Strings(gecko, "ids", "coingecko", []),
                r.Strings(gecko, "vs_currencies", "coingecko", ["usd"]), r.Url(gecko, "base_url", "coingecko")));
        foreach (var setting in list)
        {
            if (setting.Enabled && IsEmpty(setting))
                r.Error(SectionOf(setting.Kind), "is enabled but lists nothing to collect");
        }
        return list.ToImmutable();
    }

    private static bool IsEmpty(CollectorSettings s) => s switch
    {
        SecEdgarSettings sec => sec.Forms.IsEmpty && sec.SubmissionCiks.IsEmpty,
        RedditSettings reddit => reddit.Subreddits.IsEmpty,
        RssSettings rss => rss.Feeds.IsEmpty,
        FredSettings fred => fred.Series.IsEmpty,
        CoinbaseSettings coinbase => coinbase.Products.IsEmpty,
        BybitSettings bybit => bybit.Symbols.IsEmpty,
        CoinGeckoSettings gecko => gecko.Ids.IsEmpty,
        _ => false,
    };

    private static string SectionOf(string kind) => kind.Replace('-', '_');
}
