using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Tests.Models.Sentiment;

public sealed class VaderSentimentTests
{
    private static readonly VaderSentiment Vader = new();

    // Compound scores printed by the reference implementation (cjhutto/vaderSentiment README and demo).
    [Theory]
    [InlineData("VADER is smart, handsome, and funny.", 0.8316)]
    [InlineData("VADER is smart, handsome, and funny!", 0.8439)]
    [InlineData("VADER is very smart, handsome, and funny.", 0.8545)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY.", 0.9227)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342)]
    [InlineData("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469)]
    [InlineData("VADER is not smart, handsome, nor funny.", -0.7424)]
    [InlineData("The book was good.", 0.4404)]
    [InlineData("At least it isn't a horrible book.", 0.431)]
    [InlineData("The book was only kind of good.", 0.3832)]
    [InlineData("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042)]
    [InlineData("Today SUX!", -0.5461)]
    [InlineData("Today only kinda sux! But I'll get by, lol", 0.5249)]
    [InlineData("Make sure you :) or :D today!", 0.8633)]
    [InlineData("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875)]
    [InlineData("Not bad at all", 0.431)]
    public void Matches_the_reference_readme_examples(string text, double expected) =>
        Assert.Equal((decimal)expected, Vader.Score(text));

    // The reference's "tricky sentences" demo, values from running the reference on the shipped lexicon.
    [Theory]
    [InlineData("Sentiment analysis has never been good.", -0.3412)]
    [InlineData("Sentiment analysis has never been this good!", 0.5672)]
    [InlineData("Most automated sentiment analysis tools are shit.", -0.5574)]
    [InlineData("With VADER, sentiment analysis is the shit!", 0.6476)]
    [InlineData("Other sentiment analysis tools can be quite bad.", -0.5849)]
    [InlineData("On the other hand, VADER is quite bad ass", 0.802)]
    [InlineData("VADER is such a badass!", 0.4003)]
    [InlineData("Without a doubt, excellent idea.", 0.7013)]
    [InlineData("Roger Dodger is one of the most compelling variations on this theme.", 0.2944)]
    [InlineData("Roger Dodger is at least compelling as a variation on the theme.", 0.2263)]
    [InlineData("Roger Dodger is one of the least compelling variations on this theme.", -0.1695)]
    [InlineData("Not such a badass after all.", -0.2584)]
    [InlineData("No problems here, good times.", 0.6319)]
    [InlineData("What a great day?? Is it???", 0.7236)]
    [InlineData("It was one of the worst movies I've seen, despite good reviews.", -0.7584)]
    [InlineData("Unbelievably bad acting!!", -0.6572)]
    [InlineData("VERY BAD movie!", -0.7616)]
    [InlineData("Good good great but bad bad terrible.", -0.8807)]
    public void Matches_the_reference_on_tricky_sentences(string text, double expected) =>
        Assert.Equal((decimal)expected, Vader.Score(text));

    [Fact]
    public void Negation_flips_and_dampens()
    {
        var good = Vader.Compound("The results were good.");
        var notGood = Vader.Compound("The results were not good.");
        var isntGood = Vader.Compound("The results weren't good.");
        Assert.True(good > 0);
        Assert.True(notGood < 0);
        Assert.Equal(notGood, isntGood);
    }

    [Fact]
    public void Boosters_caps_and_exclamations_amplify_in_order()
    {
        var plain = Vader.Compound("Earnings were good.");
        var boosted = Vader.Compound("Earnings were very good.");
        var caps = Vader.Compound("Earnings were VERY GOOD.");
        var shouted = Vader.Compound("Earnings were VERY GOOD!!!");
        Assert.True(plain < boosted && boosted < caps && caps < shouted);
        Assert.Equal(Vader.Compound("good!!!!"), Vader.Compound("good!!!!!!!"));
    }

    [Fact]
    public void But_shifts_weight_to_the_clause_after_it()
    {
        Assert.True(Vader.Compound("The guidance was bad but the quarter was great.") > 0);
        Assert.True(Vader.Compound("The quarter was great but the guidance was bad.") < 0);
    }

    [Fact]
    public void Kind_of_dampens_and_least_negates()
    {
        Assert.True(Vader.Compound("The plan is kind of good.") < Vader.Compound("The plan is good."));
        Assert.True(Vader.Compound("It is the least impressive quarter.") < 0);
        Assert.True(Vader.Compound("At least impressive.") > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("$AAPL 10-Q filed https://sec.gov")]
    public void Text_without_sentiment_scores_zero(string text) => Assert.Equal(0m, Vader.Score(text));

    [Fact]
    public void Null_text_is_a_bug() => Assert.Throws<ArgumentNullException>(() => Vader.Score(null!));

    [Fact]
    public void Scores_stay_in_range_and_id_is_versioned()
    {
        Assert.Equal("sentiment-vader@1", Vader.Id);
        var extreme = string.Join(' ', Enumerable.Repeat("AMAZING WONDERFUL", 200)) + " ok!!!!";
        Assert.InRange(Vader.Compound(extreme), 0.99, 1.0);
        Assert.InRange(Vader.Compound(extreme.Replace("AMAZING WONDERFUL", "horrible awful", StringComparison.Ordinal)), -1.0, -0.99);
    }

    [Fact]
    public void Shipped_lexicon_has_the_reference_entries()
    {
        var lexicon = VaderLexicon.Default;
        Assert.Equal(7506, lexicon.Words.Count);
        Assert.Equal(1.9, lexicon.Words["good"]);
        Assert.Equal(-2.5, lexicon.Words["bad"]);
        Assert.Equal("beaming face with smiling eyes", lexicon.Emoji[0x1F601]);
    }
}
