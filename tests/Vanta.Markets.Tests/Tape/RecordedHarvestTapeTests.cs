using Vanta.Core.Domain;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Tape;

/// <summary>A tape may hold any kind a live collector records: a recorded harvest replays offline.</summary>
public sealed class RecordedHarvestTapeTests
{
    [SharedDataFact]
    public void Sec_feed_13f_and_bybit_payloads_replay_through_the_live_parsers()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vanta-recorded-tape-" + Environment.ProcessId);
        try
        {
            Copy("sec/feeds/getcurrent_form4_page1.atom.xml", Path.Combine(dir, "sec-atom", "feed.xml"));
            Copy("sec/13f/13F-HR_infotable_sample1.xml", Path.Combine(dir, "13f", "infotable.xml"));
            Copy("apis/bybit/v5_market_kline_spot_BTCUSDT.json", Path.Combine(dir, "bybit", "kline.json"));
            File.WriteAllText(Path.Combine(dir, "tape.json"), """
                { "name": "recorded-harvest", "from": "2020-01-01", "to": "2026-12-31", "recorded_at": "2026-01-01T00:00:00Z",
                  "sources": [ { "kind": "sec-atom", "path": "sec-atom" }, { "kind": "sec-13f", "path": "13f" }, { "kind": "bybit-kline", "path": "bybit" } ] }
                """);
            var manifest = TapeManifest.Load(dir);
            Assert.True(manifest.IsValid, manifest.Error);

            var replay = new TapeReader().Read(manifest.Manifest);

            Assert.Empty(replay.Quarantined);
            Assert.Equal(3, replay.Documents.Length);
            Assert.Equal(100, replay.Observations.Count(o => o.Observation is FilingNotice));
            Assert.Equal(255, replay.Observations.Count(o => o.Observation is InstitutionalHolding));
            Assert.Contains(replay.Observations, o => o.Observation is PriceBar { Symbol: "BTCUSDT" });
            Assert.Equal(replay.Observations.OrderBy(o => o, ObservationOrder.Instance), replay.Observations);
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    private static void Copy(string shared, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(TestData.Shared(shared), target, overwrite: true);
    }
}
