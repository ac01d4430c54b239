namespace Vanta.Benchmarks;

/// <summary>
/// Post titles for the ticker extraction benchmark: the r/wallstreetbets CSV titles when the shared data is present
/// next to the repository (read in place, never copied), else a built-in set of Reddit-like titles.
/// </summary>
internal static class TickerBenchData
{
    private static readonly string[] BuiltIn =
    [
        "GME YOLO update: still holding 420 shares, not selling until $1000",
        "What are your moves tomorrow, January 21, 2022",
        "$TSLA calls printing after earnings, CEO says deliveries up 87%",
        "Is it too late to buy NVDA? DD inside",
        "Apple and Microsoft both down 3% today, time to buy the dip?",
        "AMC short interest is back above 20%, squeeze incoming?",
        "Lost 80% of my portfolio on SPY puts. AMA",
        "Netflix subscriber growth miss, stock tanks 20% after hours",
        "Peloton halts production, $PTON drops below IPO price",
        "Microsoft to buy Activision Blizzard for $68.7 billion in cash",
        "Bank of America and JPMorgan beat EPS estimates, BAC up 2%",
        "Why I am bullish on PLTR and SOFI for 2022",
        "Fed meeting next week: rate hikes priced in? QQQ at support",
        "Robinhood hits new all time low, HOOD down 60% since IPO",
        "My wife's boyfriend told me to buy GameStop at the top",
        "Daily Discussion Thread for January 18, 2022",
        "Tesla, Nvidia and AMD lead the Nasdaq lower as yields rise",
        "Loss porn: $40k to $400 on weekly FDs",
        "Is $BRK.B the ultimate boomer stock? Berkshire Hathaway at ATH",
        "Cathie Wood buys more ROKU and TDOC as ARKK falls",
        "Intel to build new chip factory in Ohio, INTC up 3%",
        "DraftKings earnings preview: what to expect from DKNG",
        "IMO the market is way overvalued, puts on everything",
        "Coinbase and crypto stocks tumble as bitcoin falls below 40k",
        "Amazon Prime price hike incoming, AMZN to the moon",
        "Just bought 100 shares of F, am I a boomer now?",
        "Gain porn: NFLX puts paid off big time, thanks WSB",
        "Disney+ subscribers beat, DIS up after hours",
        "Meta Materials vs Meta Platforms: don't confuse MMAT with FB",
        "ALL IN on $ALL? Allstate insurance play for 2022",
    ];

    public static string[] Titles()
    {
        var csv = FindSharedCsv();
        return csv is null ? BuiltIn : ReadTitles(File.ReadAllText(csv));
    }

    private static string? FindSharedCsv()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", "reddit", "wsb_posts_2022-01-18_and_21.csv");
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    /// <summary>The first field of every CSV record (quoted fields may hold commas, quotes and line breaks).</summary>
    private static string[] ReadTitles(string text)
    {
        var titles = new List<string>();
        var field = new System.Text.StringBuilder();
        var (quoted, column) = (false, 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else if (c == '"')
                    quoted = false;
                else if (column == 0)
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c is ',' or '\n')
            {
                if (column == 0)
                    titles.Add(field.ToString());
                field.Clear();
                column = c == '\n' ? 0 : column + 1;
            }
            else if (column == 0 && c != '\r')
                field.Append(c);
        }
        return [.. titles.Skip(1)];
    }
}
