using Vanta.Cli.Commands;
using Vanta.Cli.Embedded;
using Vanta.Journal;
using Vanta.Markets.Harvest;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Cli.Tests;

/// <summary>`vanta run` in live mode and `vanta harvest fetch`, against a stand-in exchange on 127.0.0.1.</summary>
public sealed class LiveHarvestTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    private static string HarvestJson(string bybitBase) => HarvestConfigLoader.DefaultJson
        .Replace("\"mode\": \"replay\"", "\"mode\": \"live\"", StringComparison.Ordinal)
        .Replace("\"bybit\": { \"enabled\": false, \"category\": \"spot\", \"symbols\": [\"BTCUSDT\"], \"interval\": \"D\", \"base_url\": null }",
            $"\"bybit\": {{ \"enabled\": true, \"category\": \"spot\", \"symbols\": [\"BTCUSDT\"], \"interval\": \"D\", \"base_url\": \"{bybitBase}\" }}",
            StringComparison.Ordinal);

    [Fact]
    public void The_test_config_really_switches_bybit_on()
    {
        var config = HarvestConfigLoader.Parse(HarvestJson("http://127.0.0.1:9/")).Config!;
        Assert.Equal(HarvestMode.Live, config.Mode);
        Assert.Equal(["bybit"], config.Enabled.Select(c => c.Kind));
    }

    [SharedDataFact]
    public async Task Live_run_fetches_from_the_configured_collector_and_journals_the_payload_before_its_bars()
    {
        await using var server = StandInServer.Start();
        server.MapPrefix("/v5/market/kline", _ => StandInResponse.Bytes(SharedData.Bytes("apis/bybit/v5_market_kline_spot_BTCUSDT.json"), "application/json"));
        var home = NewHome(HarvestJson(server.BaseUri.ToString()));
        try
        {
            var warnings = new List<string>();
            var request = new RunRequest(HomeLayout.At(home), RepoPaths.SampleTape, RunRequest.DefaultCosts);
            var result = await EmbeddedRun.ExecuteAsync(request, null, warnings.Add);

            Assert.True(result.Summary is not null, result.Error + string.Join("; ", warnings));
            Assert.Equal("live harvest", result.Summary.TapeName);
            Assert.Equal(1, result.Summary.Documents);
            Assert.True(result.Summary.Observations > 0);
            Assert.Equal("BTCUSDT", server.Requests.Single().QueryValue("symbol"));
            var types = JournalReader.ReadAll(HomeLayout.At(home).Journal).Select(r => r.Envelope.Type).ToList();
            Assert.True(types.IndexOf("raw_document") < types.IndexOf("price_bar"));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Live_run_with_no_route_to_its_sources_replays_the_recorded_tape()
    {
        var home = NewHome(HarvestJson("http://127.0.0.1:1/"));
        try
        {
            var warnings = new List<string>();
            var request = new RunRequest(HomeLayout.At(home), RepoPaths.SampleTape, RunRequest.DefaultCosts);
            var result = await EmbeddedRun.ExecuteAsync(request, null, warnings.Add);

            Assert.True(result.Summary is not null, result.Error);
            Assert.Contains(warnings, w => w.Contains("offline", StringComparison.Ordinal));
            Assert.Equal(run.Summary.JournalHead, result.Summary.JournalHead);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [SharedDataFact]
    public async Task Harvest_fetch_journals_what_it_fetched_and_audit_verify_passes()
    {
        await using var server = StandInServer.Start();
        server.MapPrefix("/v5/market/kline", _ => StandInResponse.Bytes(SharedData.Bytes("apis/bybit/v5_market_kline_spot_BTCUSDT.json"), "application/json"));
        var home = NewHome(HarvestJson(server.BaseUri.ToString()));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await HarvestFetch.ExecuteAsync(
                new HarvestFetch.Options(HomeLayout.At(home), "bybit", 1, TimeProvider.System, _ => null), output, error, CancellationToken.None);

            Assert.True(exit == 0, error.ToString());
            var records = JournalReader.ReadAll(HomeLayout.At(home).Journal).ToList();
            Assert.Equal("raw_document", records[0].Envelope.Type);
            Assert.Contains(records, r => r.Envelope.Type == "price_bar" && r.Envelope.Parents.Contains(records[0].Envelope.EventId));
            Assert.Equal(0, AuditCommand.Verify(HomeLayout.At(home), TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string NewHome(string harvestJson)
    {
        var home = RepoPaths.NewTempDirectory("live");
        Directory.CreateDirectory(Path.Combine(home, "memory"));
        File.WriteAllText(Path.Combine(home, "memory", "harvest.json"), harvestJson);
        return home;
    }
}
