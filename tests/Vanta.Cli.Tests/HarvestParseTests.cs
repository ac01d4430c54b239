using System.Text.Json;

namespace Vanta.Cli.Tests;

public sealed class HarvestParseTests
{
    private static string Form4(string name) => Path.Combine(RepoPaths.SampleTape, "sec", "form4", name);

    [Fact]
    public async Task Form4_prints_one_snake_case_json_line_per_transaction()
    {
        var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "sec-form4", Form4("form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml"));

        Assert.Equal(0, result.ExitCode);
        var rows = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("AAPL", r.GetProperty("symbol").GetString()));
        var sale = rows.Single(r => r.GetProperty("transaction_code").GetString() == "S");
        Assert.Equal(17500m, sale.GetProperty("shares").GetDecimal());
        Assert.Equal(201.69m, sale.GetProperty("price_per_share").GetDecimal());
        Assert.Equal(1133283m, sale.GetProperty("shares_owned_after").GetDecimal());
    }

    [Fact]
    public async Task Malformed_file_prints_nothing_for_it_names_it_and_fails_while_good_files_still_print()
    {
        var dir = RepoPaths.NewTempDirectory("harvest");
        try
        {
            var broken = Path.Combine(dir, "broken.xml");
            File.WriteAllText(broken, "<ownershipDocument><issuer><issuerCik>0000320193</issuerCik>");
            var good = Form4("form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml");

            var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "sec-form4", broken, good);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("broken.xml", result.Error);
            Assert.DoesNotContain("0000320193\",\"issuer_name\":null", result.Output);
            Assert.Equal(3, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Unknown_source_kind_lists_the_known_ones()
    {
        var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "nope", Form4("form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sec-form4", result.Error);
    }
}
