using Vanta.Cli.Embedded;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;

namespace Vanta.Cli.Tests;

public sealed class SentimentEvalTests
{
    [Fact]
    public async Task Eval_prints_every_model_and_says_when_rows_were_in_the_training_data()
    {
        var dir = RepoPaths.NewTempDirectory("senteval");
        try
        {
            var data = Path.Combine(dir, "labelled.csv");
            File.WriteAllText(data, string.Join('\n',
                "text,label",
                "\"$BYND - JPMorgan reels in expectations on Beyond Meat https://t.co/bd0xbFGjkT\",0",
                "Shares soar after record quarterly profit and raised guidance,1",
                "Company to present at investor conference next week,2",
                "not a label row,7") + "\n");

            var result = await VantaRunner.InvokeAsync("models", "eval", "sentiment", "--home", Path.Combine(dir, "home"), "--data", data);

            Assert.Equal(1, result.ExitCode); // one row rejected
            Assert.Contains("3 rows scored, 1 rejected", result.Output);
            Assert.Contains("sentiment-nbsvm@3", result.Output);
            Assert.Contains("sentiment-vader@1", result.Output);
            Assert.Contains("macro-F1", result.Output);
            Assert.Contains("sentiment-minilm@1", result.Output);
            Assert.Contains("note: 1 of 3 rows are in the training data of sentiment-nbsvm@3", result.Output);
            Assert.Contains(":5", result.Output); // the rejected row is named by its line
            Assert.True(Directory.EnumerateFiles(Path.Combine(dir, "home", "models")).Any(), "the trained classifier is cached in the home");

            // models.json's text_model picks the text model behind the sentiment features; a run asking for the
            // classifier loads the one cached in its home instead of training again.
            var layout = HomeLayout.At(Path.Combine(dir, "home"));
            var cached = Directory.GetFiles(layout.Models).Single();
            var written = File.GetLastWriteTimeUtc(cached);
            var finance = ModelsConfigLoader.Parse("""{ "schema_version": 1, "text_model": "sentiment-nbsvm@3" }""").Config!;
            var text = EmbeddedRun.TextModel(finance, layout);
            Assert.Equal(FinanceSentimentModel.ModelId, text.Id);
            Assert.True(text.Score("Shares soar after record quarterly profit and raised guidance") > 0.3m);
            Assert.Equal((cached, written), (Directory.GetFiles(layout.Models).Single(), File.GetLastWriteTimeUtc(cached)));
            Assert.IsType<VaderSentiment>(EmbeddedRun.TextModel(ModelsConfig.Default, layout));
            var encoderConfig = ModelsConfigLoader.Parse("""{ "schema_version": 1, "text_model": "sentiment-minilm@1" }""").Config!;
            using var encoder = Assert.IsType<MiniLmSentimentModel>(EmbeddedRun.TextModel(encoderConfig, layout));
            Assert.True(encoder.Score("Shares soar after record quarterly profit and raised guidance") > 0.3m);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
