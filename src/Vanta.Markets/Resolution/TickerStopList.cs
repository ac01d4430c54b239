using System.Collections.Frozen;

namespace Vanta.Markets.Resolution;

/// <summary>
/// Upper-case words that never count as bare tickers, even when they are listed symbols: common English words,
/// forum and finance slang, titles, units and places. A cashtag still counts (<c>$ALL</c> is Allstate).
/// </summary>
public static class TickerStopList
{
    /// <summary>The words, upper case, compared ordinally.</summary>
    public static FrozenSet<string> Words { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        // Common English words and pronouns.
        "A", "AN", "AND", "ANY", "ARE", "AS", "AT", "BE", "BEST", "BIG", "BUT", "BY", "CAN", "DO", "FOR", "FUN", "GET",
        "GO", "GOOD", "HAS", "HE", "HER", "HIM", "HIS", "HOW", "I", "IF", "IN", "IS", "IT", "ITS", "JUST", "LOVE",
        "ME", "MORE", "MY", "NEW", "NEXT", "NO", "NOT", "NOW", "OF", "OLD", "ON", "ONE", "OR", "OUR", "OUT", "OWN",
        "PLAY", "REAL", "SAY", "SEE", "SHE", "SO", "THAT", "THE", "THEY", "THIS", "TO", "TWO", "UP", "US", "WAS", "WE",
        "WHO", "WHY", "WILL", "WITH", "YOU", "ALL", "AM", "ALSO", "BACK", "CASH", "COST", "DASH", "EVER", "HOPE",
        "HUGE", "KEY", "LIFE", "LOW", "HIGH", "MAN", "NET", "OPEN", "PATH", "PEAK", "RUN", "SAFE", "SHIP", "SPOT",
        "TRUE", "WELL", "WISH", "ZIP", "AIR", "ARM", "CAT", "COP", "DE", "FAST", "FREE", "GAIN", "LOSS", "MOVE", "NICE",
        "PUMP", "RIDE", "SELF", "SNOW", "TECH", "WORK",
        // Forum, trading and finance slang.
        "AH", "AI", "APE", "APES", "ATH", "ATM", "ATL", "BTFD", "BUY", "CALL", "CALLS", "DD", "DTE", "EDIT", "EOD",
        "EOW", "EPS", "ETF", "FD", "FDS", "FOMO", "FUD", "FYI", "GG", "HODL", "HOLD", "IMO", "IMHO", "IV",
        "ITM", "IRA", "LMAO", "LOL", "MOON", "OTM", "PE", "PT", "PUT", "PUTS", "ROI", "ROTH", "RSI", "SELL", "SHORT",
        "SI", "TA", "TLDR", "TL", "TOS", "WSB", "YOLO", "YTD", "OTC", "ER", "PR", "QE", "OP", "OG", "LFG", "IRL",
        "BULL", "BEAR", "GAINS", "MACD", "VWAP", "PDT",
        // Titles, institutions, regulators, economics.
        "CEO", "CFO", "COO", "CTO", "EVP", "SVP", "VP", "IPO", "SPAC", "SEC", "FDA", "FED", "FOMC", "GDP", "CPI",
        "IRS", "DOJ", "FTC", "FINRA", "NYSE", "LLC", "INC", "CORP", "LTD", "PLC", "ESG", "EV", "EVS", "AAA", "MS",
        "PM", "HD", "MA", "LI", "TV", "PC", "API", "USB", "CEOS", "NFT", "NFTS",
        // Places, currencies, time.
        "USA", "UK", "EU", "USD", "EUR", "GBP", "JPY", "CAD", "NY", "NYC", "LA", "SF", "EST", "PST", "UTC", "AM",
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "MON", "TUE",
        "WED", "THU", "FRI", "SAT", "SUN", "Q1", "Q2", "Q3", "Q4", "OK");
}
