using Vanta.Markets.Collectors.Reddit;

namespace Vanta.Markets.Tests.Collectors.Reddit;

public sealed class RedditSymbolsTests
{
    private static readonly RedditSymbols Symbols = new(["AAPL", "IT", "A", "ALL", "FB", "SPY"]);

    [Theory]
    [InlineData("Buying $TSLA and $aapl", "AAPL,TSLA")]
    [InlineData("AAPL beats; FB misses; SPY flat", "AAPL,FB,SPY")]
    [InlineData("IT is ALL about A good DD", "")]            // known tickers, but common words: stop-listed
    [InlineData("aapl and Spy are not upper case", "")]
    [InlineData("GME and TSLA are not on the tape", "")]      // bare, unknown: not read
    [InlineData("$5 and $TSLAX1 and US$AAPL are not cashtags", "")]
    [InlineData("AAPL AAPL $AAPL", "AAPL")]
    [InlineData("FBI, SPYX and XAAPL are other words", "")]
    public void Extracts_cashtags_and_known_bare_tickers(string text, string expected)
    {
        Assert.Equal(expected, string.Join(',', Symbols.Extract(text)));
    }

    [Fact]
    public void Cashtags_only_mapper_ignores_bare_words()
    {
        Assert.Equal<string>(["SPY"], RedditSymbols.CashtagsOnly.Extract("SPY AAPL $spy").AsEnumerable());
    }
}
