using Vanta.Markets.Resolution;

namespace Vanta.Markets.Tests.Resolution;

public sealed class TickerExtractorTests
{
    private static readonly TickerExtractor Extractor = TickerExtractor.Default;

    private static string[] Extract(string text) => [.. Extractor.Extract(text)];

    [Theory]
    [InlineData("$TSLA to the moon", new[] { "TSLA" })]
    [InlineData("loading $brk.b and $gme", new[] { "BRK.B", "GME" })]
    [InlineData("($NVDA), $AMD!", new[] { "AMD", "NVDA" })]
    [InlineData("$HOOD is not in every list but a cashtag names a symbol on its own", new[] { "HOOD" })]
    [InlineData("$ZZZZ unknown cashtag", new[] { "ZZZZ" })]
    public void Cashtags_count_in_any_case(string text, string[] expected) => Assert.Equal(expected, Extract(text));

    [Theory]
    [InlineData("US$5 is not a ticker")]
    [InlineData("paid $5 and $500")]
    [InlineData("ab$ZZZZ is glued to a word")]
    [InlineData("$TOOLONG is six letters or more")]
    [InlineData("$$ZZZZ doubled dollar")]
    [InlineData("$")]
    public void Not_cashtags(string text) => Assert.Empty(Extract(text));

    [Fact]
    public void A_cashtag_counts_even_for_a_stop_word()
    {
        Assert.Equal(["ALL"], Extract("$ALL is Allstate's ticker"));
        Assert.Equal(["GME"], Extract("ALL IN on GME"));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("I")]
    [InlineData("IT")]
    [InlineData("ALL")]
    [InlineData("DD")]
    [InlineData("YOLO")]
    [InlineData("CEO")]
    [InlineData("CFO")]
    [InlineData("USA")]
    [InlineData("EPS")]
    [InlineData("IPO")]
    [InlineData("ATH")]
    [InlineData("IMO")]
    [InlineData("FOMO")]
    [InlineData("GDP")]
    [InlineData("SEC")]
    [InlineData("FDA")]
    [InlineData("ON")]
    [InlineData("OR")]
    [InlineData("AM")]
    [InlineData("PM")]
    [InlineData("GO")]
    [InlineData("NOW")]
    public void Stop_words_never_count_as_bare_tickers(string word)
    {
        Assert.Empty(Extract($"{word} {word}. ({word})"));
        Assert.Equal([word], Extract($"${word}"));
    }

    [Fact]
    public void Stop_words_that_are_listed_symbols_are_still_excluded()
    {
        // NOW (ServiceNow), ALL (Allstate) and PM (Philip Morris) are in the directory: the stop list must win.
        Assert.True(SymbolDirectory.Default.Contains("NOW"));
        Assert.True(SymbolDirectory.Default.Contains("ALL"));
        Assert.True(SymbolDirectory.Default.Contains("PM"));
        Assert.Empty(Extract("BUY NOW, ALL IN BEFORE 4 PM"));
    }

    [Theory]
    [InlineData("GME and AMC squeeze", new[] { "AMC", "GME" })]
    [InlineData("Is PLTR the next NVDA?", new[] { "NVDA", "PLTR" })]
    [InlineData("BRK.B or SPY", new[] { "BRK.B", "SPY" })]
    [InlineData("GME's float", new[] { "GME" })]
    [InlineData("gme and amc in lower case are not bare tickers", new string[0])]
    [InlineData("ZZZZ is upper case but unknown", new string[0])]
    [InlineData("GMEX and XGME are other words", new string[0])]
    [InlineData("F and T are single letters", new string[0])]
    public void Bare_tickers_count_only_when_known_and_upper_case(string text, string[] expected) =>
        Assert.Equal(expected, Extract(text));

    [Theory]
    [InlineData("Apple and tesla and GAMESTOP", new[] { "AAPL", "GME", "TSLA" })]
    [InlineData("Bank of America earnings", new[] { "BAC" })]
    [InlineData("Meta Materials is not Meta", new[] { "META", "MMAT" })]
    [InlineData("Johnson & Johnson and Procter & Gamble", new[] { "JNJ", "PG" })]
    [InlineData("Intel beat", new[] { "INTC" })]
    [InlineData("got some intel on this", new string[0])]
    [InlineData("pineapple and Applebee's are not Apple Inc", new[] { "AAPL" })]
    [InlineData("Applebee's", new string[0])]
    public void Company_names_match_whole_words_longest_first(string text, string[] expected) =>
        Assert.Equal(expected, Extract(text));

    [Fact]
    public void Output_is_sorted_and_deduplicated_across_title_and_body()
    {
        var symbols = Extractor.Extract("Tesla $TSLA TSLA", "and GME, then tesla again, $gme");
        Assert.Equal<string>(["GME", "TSLA"], symbols);
    }

    [Fact]
    public void Empty_and_symbol_free_text_gives_an_empty_array()
    {
        Assert.Empty(Extract(""));
        Assert.Empty(Extract("what are your moves tomorrow?"));
        Assert.False(Extractor.Extract("").IsDefault);
    }

    [Fact]
    public void A_custom_directory_drives_bare_tickers_and_names()
    {
        var directory = SymbolDirectory.From([
            new SymbolEntry("ACME", "", ["Acme Corporation"], ["Acme", "Acme Rockets"], [], ["test"]),
        ]);
        var extractor = new TickerExtractor(directory);

        Assert.Equal<string>(["ACME"], extractor.Extract("ACME and acme rockets"));
        Assert.Empty(extractor.Extract("GME is not in this directory"));
        Assert.Equal<string>(["GME"], extractor.Extract("$GME is a cashtag"));
    }
}
