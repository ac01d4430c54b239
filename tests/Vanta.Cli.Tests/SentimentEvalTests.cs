namespace Vanta.Cli.Tests;

public sealed class SentimentEvalTests
{
    [Fact]
    public async Task Eval_prints_both_models_and_says_when_rows_were_in_the_training_data()
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
            Assert.Contains("sentiment-linear@2", result.Output);
            Assert.Contains("sentiment-vader@1", result.Output);
            Assert.Contains("macro-F1", result.Output);
            Assert.Contains("note: 1 of 3 rows are in the classifier's training data", result.Output);
            Assert.Contains(":5", result.Output); // the rejected row is named by its line
            Assert.True(Directory.EnumerateFiles(Path.Combine(dir, "home", "models")).Any(), "the trained classifier is cached in the home");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
