using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;

namespace Vanta.Vaults.Tests.Config;

public sealed class VaultConfigV2Tests
{
    private static readonly DateTimeOffset At = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    internal const string V2 = """
        {
          "schema_version": 2,
          "base_currency": "USD",
          "personas": [ { "name": "cautious", "transform": "dampen", "size_multiplier": 0.5, "max_position": 0.1, "allowed_tags": ["equity"] } ],
          "vaults": [
            { "id": "growth", "capital": 100000, "persona": "aggressive", "routing_tags": ["equity"],
              "allocation": { "mode": "banded", "min_conviction": 0.05, "max_weight_per_symbol": 0.2, "gross_cap": 0.9,
                              "bands": [ { "from": 0.1, "to": 0.4, "weight": 0.05 }, { "from": 0.4, "to": 0.7, "weight": 0.1 }, { "from": 0.7, "to": 1, "weight": 0.15 } ] },
              "caps": { "max_net_exposure": 0.8, "cash_buffer": 0.05, "min_trade_size": 500, "lot_size": 1, "turnover_limit": 0.5 } },
            { "id": "loan1", "capital": 20000, "persona": "cautious", "routing_tags": ["equity"], "allow_short": true,
              "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": 0.5, "gross_cap": 1.5 },
              "loan": { "max_leverage": 2, "drawdown_limit": 0.1 } },
            { "id": "core", "capital": 50000, "routing_tags": ["equity"],
              "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": 0.2, "gross_cap": 0.95 },
              "compounding": { "mode": "sweep_gains", "share": 0.5, "into": "growth" } }
          ]
        }
        """;

    [Fact]
    public void V2_file_loads_every_section()
    {
        var result = VaultConfigLoader.Parse(V2, At);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var growth = result.Config.Vaults[0];
        Assert.Equal(AllocationMode.Banded, growth.Allocation.Mode);
        Assert.Equal(3, growth.Allocation.Bands!.Value.Length);
        Assert.Equal(0.05m, growth.Caps!.CashBuffer);
        Assert.Equal(2m, result.Config.Vaults[1].Loan!.MaxLeverage);
        Assert.Equal(CompoundingMode.SweepGains, result.Config.Vaults[2].Compounding!.Mode);
        Assert.Equal("cautious", Assert.Single(result.Config.Personas!.Value).Name);
    }

    [Fact]
    public void Default_v1_file_keeps_its_canonical_text_and_version()
    {
        var json = VaultConfigLoader.ToFileJson(VaultConfig.Default);
        Assert.DoesNotContain("caps", json, StringComparison.Ordinal);
        var result = VaultConfigLoader.Parse(json, At);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal(VaultConfigLoader.ToDocument(VaultConfig.Default, At).Version, result.Document.Version);
    }

    [Theory]
    [InlineData("\"persona\": \"aggressive\"", "\"persona\": \"yolo\"", "vaults[0].persona", VaultConfigErrorCode.UnknownPersona)]
    [InlineData("\"capital\": 100000", "\"capital\": -5", "vaults[0].capital", VaultConfigErrorCode.OutOfRange)]
    [InlineData("{ \"from\": 0.4, \"to\": 0.7", "{ \"from\": 0.3, \"to\": 0.7", "vaults[0].allocation.bands[1].from", VaultConfigErrorCode.OverlappingBands)]
    [InlineData("{ \"from\": 0.4, \"to\": 0.7", "{ \"from\": 0.5, \"to\": 0.7", "vaults[0].allocation.bands[1].from", VaultConfigErrorCode.GappedBands)]
    [InlineData("{ \"from\": 0.7, \"to\": 1,", "{ \"from\": 0.7, \"to\": 0.9,", "vaults[0].allocation.bands[2].to", VaultConfigErrorCode.GappedBands)]
    [InlineData("\"max_weight_per_symbol\": 0.2, \"gross_cap\": 0.9", "\"max_weight_per_symbol\": 1.2, \"gross_cap\": 0.9", "vaults[0].allocation.max_weight_per_symbol", VaultConfigErrorCode.OutOfRange)]
    [InlineData("\"gross_cap\": 0.9", "\"gross_cap\": 1.1", "vaults[0].allocation.gross_cap", VaultConfigErrorCode.OutOfRange)]
    [InlineData("\"gross_cap\": 1.5", "\"gross_cap\": 2.5", "vaults[1].allocation.gross_cap", VaultConfigErrorCode.OutOfRange)]
    [InlineData("\"cash_buffer\": 0.05", "\"cash_buffer\": 1.05", "vaults[0].caps.cash_buffer", VaultConfigErrorCode.OutOfRange)]
    [InlineData("\"max_net_exposure\": 0.8", "\"max_net_exposure\": 1.8", "vaults[0].caps.max_net_exposure", VaultConfigErrorCode.OutOfRange)]
    [InlineData("\"drawdown_limit\": 0.1", "\"drawdown_limit\": 1.1", "vaults[1].loan.drawdown_limit", VaultConfigErrorCode.OutOfRange)]
    [InlineData("\"into\": \"growth\"", "\"into\": \"loan1\"", "vaults[2].compounding.into", VaultConfigErrorCode.InvalidValue)]
    [InlineData("\"schema_version\": 2", "\"schema_version\": 1", "personas", VaultConfigErrorCode.RequiresSchemaVersion2)]
    [InlineData("\"turnover_limit\": 0.5", "\"turnover_limt\": 0.5", "vaults[0].caps.turnover_limt", VaultConfigErrorCode.UnknownField)]
    public void Bad_input_names_the_json_path(string from, string to, string field, VaultConfigErrorCode code)
    {
        Assert.Contains(from, V2, StringComparison.Ordinal);
        var result = VaultConfigLoader.Parse(V2.Replace(from, to, StringComparison.Ordinal), At);
        Assert.False(result.IsSuccess);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Equal(code, error.Code);
        Assert.StartsWith($"vault.json: {field} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_an_error_not_an_exception()
    {
        var result = VaultConfigLoader.Parse(V2[..40], At);
        Assert.Equal(VaultConfigErrorCode.InvalidJson, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Overlay_loads_and_is_versioned_by_content()
    {
        const string json = """{ "schema_version": 1, "features": { "sweep": true }, "maintenance": true, "flip": { "mode": "chaos", "share": 0.25, "seed": 7 }, "kill_switch": false }""";
        var a = VaultOverlayLoader.Parse(json, At);
        var b = VaultOverlayLoader.Parse(json.Replace("0.25", "0.3", StringComparison.Ordinal), At);
        Assert.True(a.IsSuccess, string.Join("\n", a.Errors));
        Assert.True(a.Overlay!.Maintenance);
        Assert.Equal(FlipMode.Chaos, a.Overlay.Flip);
        Assert.True(a.Overlay.IsEnabled("sweep"));
        Assert.NotEqual(a.Document!.Version, b.Document!.Version);
        Assert.Equal(a.Document.Version, VaultOverlayLoader.Parse(json, At).Document!.Version);
    }

    [Theory]
    [InlineData("""{ "schema_version": 1, "flip": { "mode": "wild" } }""", "flip.mode")]
    [InlineData("""{ "schema_version": 1, "flip": { "mode": "chaos", "share": 1.5, "seed": 1 } }""", "flip.share")]
    [InlineData("""{ "schema_version": 1, "flip": { "mode": "chaos", "share": 0.5 } }""", "flip.seed")]
    [InlineData("""{ "schema_version": 1, "maintenance": "yes" }""", "maintenance")]
    [InlineData("""{ "schema_version": 1, "kill": true }""", "kill")]
    [InlineData("""{ "maintenance": true }""", "schema_version")]
    public void Bad_overlay_names_the_json_path(string json, string field)
    {
        var result = VaultOverlayLoader.Parse(json, At);
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.StartsWith("vault_overlay.json: ", StringComparison.Ordinal));
    }
}
