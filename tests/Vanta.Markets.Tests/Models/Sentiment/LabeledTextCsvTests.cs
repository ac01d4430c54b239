using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Tests.Models.Sentiment;

public sealed class LabeledTextCsvTests
{
    /// <summary>A hand-made CSV: 8 good rows (one spanning two lines), 4 bad ones, CRLF line ends.</summary>
    internal static readonly string Tiny = string.Join("\r\n",
        "text,label",
        "\"Shares soar on great earnings, a wonderful quarter\",1",
        "Company faces terrible losses and a lawsuit,0",
        "no label here",
        "Board meeting scheduled for Tuesday,2",
        "\"Stock plunges",
        "as analysts are worried\",0",
        "\"Quoted, text\",7",
        "Dividend is good news for holders,2",
        ",1",
        "Revenue beats estimates,1",
        "Fed holds rates steady,2",
        "Happy to report a disaster averted,1",
        "\"Unterminated quote,1") + "\r\n";

    [Fact]
    public void Reads_good_rows_and_rejects_bad_ones_with_their_lines()
    {
        var set = LabeledTextCsv.Parse(new StringReader(Tiny), "tiny.csv");

        Assert.Equal(8, set.Rows.Length);
        Assert.Equal("Shares soar on great earnings, a wonderful quarter", set.Rows[0].Text);
        Assert.Equal("Stock plunges\r\nas analysts are worried", set.Rows[3].Text);
        Assert.Equal(
            [SentimentLabel.Bullish, SentimentLabel.Bearish, SentimentLabel.Neutral, SentimentLabel.Bearish,
             SentimentLabel.Neutral, SentimentLabel.Bullish, SentimentLabel.Neutral, SentimentLabel.Bullish],
            set.Rows.Select(r => r.Label));
        Assert.Equal([4, 8, 10, 14], set.Rejected.Select(r => r.Line));
        Assert.All(set.Rejected, r => Assert.Equal("tiny.csv", r.File));
        Assert.Contains("expected 2 fields", set.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'7'", set.Rejected[1].Reason, StringComparison.Ordinal);
        Assert.Equal("empty text", set.Rejected[2].Reason);
        Assert.Contains("unterminated", set.Rejected[3].Reason, StringComparison.Ordinal);
        Assert.Equal("tiny.csv:4: expected 2 fields (text,label), found 1", set.Rejected[0].ToString());
    }

    [Fact]
    public void Quotes_inside_unquoted_text_are_kept_and_text_after_a_closing_quote_is_rejected()
    {
        var set = LabeledTextCsv.Parse(new StringReader("He said \"buy\" now,1\n\"x\"y,2\nfine,0\n"), "q.csv");
        Assert.Equal(["He said \"buy\" now", "fine"], set.Rows.Select(r => r.Text));
        Assert.Equal(2, Assert.Single(set.Rejected).Line);
    }

    [Fact]
    public void Shipped_training_set_reads_whole()
    {
        var set = LabeledTextCsv.ReadEmbeddedTrainingSet();
        Assert.Empty(set.Rejected);
        Assert.Equal(9543, set.Rows.Length);
        Assert.Equal(1442, set.Rows.Count(r => r.Label == SentimentLabel.Bearish));
        Assert.Equal(1923, set.Rows.Count(r => r.Label == SentimentLabel.Bullish));
        Assert.Equal(6178, set.Rows.Count(r => r.Label == SentimentLabel.Neutral));
        Assert.Equal("$BYND - JPMorgan reels in expectations on Beyond Meat https://t.co/bd0xbFGjkT", set.Rows[0].Text);
    }

    [SharedDataFact]
    public void Shipped_training_set_is_the_shared_file()
    {
        var shipped = LabeledTextCsv.ReadEmbeddedTrainingSet();
        var shared = LabeledTextCsv.Read(TestData.Shared("news/sentiment_labeled/twitter_financial_news_sentiment_train.csv"));
        Assert.Equal(shared.Rows.ToArray(), shipped.Rows.ToArray());
    }

    [Fact]
    public void Stratified_holdout_is_seeded_disjoint_and_proportional()
    {
        var rows = LabeledTextCsv.ReadEmbeddedTrainingSet().Rows;
        var split = SentimentHoldout.Default(rows);
        var again = SentimentHoldout.Default(rows);

        Assert.Equal(split.Test.ToArray(), again.Test.ToArray());
        Assert.Equal(rows.Length, split.Train.Length + split.Test.Length);
        Assert.Equal(288, split.Test.Count(r => r.Label == SentimentLabel.Bearish));
        Assert.Equal(385, split.Test.Count(r => r.Label == SentimentLabel.Bullish));
        Assert.Equal(1236, split.Test.Count(r => r.Label == SentimentLabel.Neutral));
        var trainTexts = split.Train.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(split.Test, r => trainTexts.Contains(r.Text));
        Assert.NotEqual(split.Test.ToArray(), SentimentHoldout.Stratified(rows, 0.2, 7).Test.ToArray());
    }
}
