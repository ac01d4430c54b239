using Vanta.Core.Ids;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Tests.Config;

public sealed class VaultConfigLoaderTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "vanta-vaults-" + ContentHash.Id(nameof(VaultConfigLoaderTests), Environment.ProcessId.ToString()));

    private const string Valid = """
        {
          "schema_version": 1,
          "base_currency": "USD",
          // operators may comment their config
          "vaults": [
            { "id": "core", "capital": 100000, "persona": "balanced", "routing_tags": ["equity", "crypto", "equity"],
              "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": 0.20,
                              "gross_cap": 0.95, "rebalance_band": 0.02 },
              "allow_short": false, "compound_realized_pnl": true },
            { "id": "growth", "capital": 5000.50, "routing_tags": ["retail-cascade"],
              "allocation": { "mode": "proportional", "min_conviction": 0, "max_weight_per_symbol": 1, "gross_cap": 1 } }
          ]
        }
        """;

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Valid_file_gives_typed_config_with_defaults_and_sorted_tags()
    {
        var result = VaultConfigLoader.Parse(Valid, At);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var core = result.Config.Vaults[0];
        Assert.Equal(new VaultId("core"), core.Id);
        Assert.Equal(100000m, core.Capital);
        Assert.Equal(["crypto", "equity"], core.RoutingTags.ToArray());
        Assert.Equal(new AllocationRules(AllocationMode.Proportional, 0.05m, 0.2m, 0.95m, 0.02m), core.Allocation);
        Assert.True(core.CompoundRealizedPnl);
        var growth = result.Config.Vaults[1];
        Assert.Equal(VaultDefinition.DefaultPersona, growth.Persona);
        Assert.Equal(0m, growth.Allocation.RebalanceBand);
        Assert.False(growth.AllowShort);
        Assert.False(growth.CompoundRealizedPnl);
    }

    [Fact]
    public void Version_is_sha256_of_canonical_content_and_ignores_layout_comments_and_trailing_zeros()
    {
        var a = VaultConfigLoader.Parse(Valid, At);
        var relaid = Valid.Replace("// operators may comment their config", "", StringComparison.Ordinal)
            .Replace("0.20", "0.2", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        var b = VaultConfigLoader.Parse(relaid, At);
        var changed = VaultConfigLoader.Parse(Valid.Replace("0.95", "0.9", StringComparison.Ordinal), At);

        Assert.True(a.IsSuccess && b.IsSuccess && changed.IsSuccess);
        Assert.Equal("vault", a.Document.Kind);
        Assert.Equal(ContentHash.Sha256Hex(a.Document.Content), a.Document.Version);
        Assert.Equal(VaultConfigLoader.ToCanonicalJson(a.Config), a.Document.Content);
        Assert.Equal(a.Document.Version, b.Document.Version);
        Assert.NotEqual(a.Document.Version, changed.Document.Version);
        Assert.Equal(At, a.Document.EffectiveAt);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_the_path()
    {
        var path = Path.Combine(_dir, "vault.json");

        var result = VaultConfigLoader.Load(path, At);

        var error = Assert.Single(result.Errors);
        Assert.Equal(VaultConfigErrorCode.MissingFile, error.Code);
        Assert.Equal($"vault.json: file not found at {path}", error.Message);
    }

    [Fact]
    public void Invalid_json_reports_one_based_line_and_byte()
    {
        var result = VaultConfigLoader.Parse("{\n  \"schema_version\": 1,\n  \"vaults\": [ }\n}", At);

        var error = Assert.Single(result.Errors);
        Assert.Equal(VaultConfigErrorCode.InvalidJson, error.Code);
        Assert.StartsWith("vault.json: invalid JSON at line 3, byte 15: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_names_the_field()
    {
        var result = VaultConfigLoader.Parse(Valid.Replace("100000", "\"lots\"", StringComparison.Ordinal), At);

        var error = Assert.Single(result.Errors);
        Assert.Equal(VaultConfigErrorCode.InvalidJson, error.Code);
        Assert.Equal("vaults[0].capital", error.Field);
        Assert.EndsWith(": vaults[0].capital has the wrong type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_weight_names_the_field_and_value()
    {
        var result = VaultConfigLoader.Parse(Valid.Replace("0.20", "1.5", StringComparison.Ordinal), At);

        var error = Assert.Single(result.Errors);
        Assert.Equal(VaultConfigErrorCode.OutOfRange, error.Code);
        Assert.Equal("vault.json: vaults[0].allocation.max_weight_per_symbol must be between 0 and 1 (was 1.5)", error.Message);
    }

    [Theory]
    [InlineData("\"capital\": 100000", "\"capital\": -1", "vault.json: vaults[0].capital must be greater than 0 (was -1)")]
    [InlineData("\"gross_cap\": 0.95", "\"gross_cap\": 0", "vault.json: vaults[0].allocation.gross_cap must be between 0 and 1 (was 0)")]
    [InlineData("\"min_conviction\": 0.05", "\"min_conviction\": 0.0000001", "vault.json: vaults[0].allocation.min_conviction must have at most 6 decimal places (was 0.0000001)")]
    [InlineData("\"schema_version\": 1", "\"schema_version\": 3", "vault.json: schema_version must be 1 or 2 (was 3)")]
    [InlineData("\"USD\"", "\"usd\"", "vault.json: base_currency must be a three-letter upper-case currency code (was 'usd')")]
    [InlineData("\"id\": \"core\"", "\"id\": \"Core X\"", "vault.json: vaults[0].id must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit (was 'Core X')")]
    [InlineData("\"id\": \"growth\"", "\"id\": \"core\"", "vault.json: vaults[1].id duplicates vaults[0].id ('core')")]
    [InlineData("\"mode\": \"proportional\", \"min_conviction\": 0.05", "\"mode\": \"tiered\", \"min_conviction\": 0.05", "vault.json: vaults[0].allocation.mode must be one of: proportional, banded (was 'tiered')")]
    [InlineData("\"mode\": \"proportional\", \"min_conviction\": 0.05", "\"mode\": \"banded\", \"min_conviction\": 0.05", "vault.json: vaults[0].allocation.mode uses the banded mode, which needs \"schema_version\": 2")]
    [InlineData("\"gross_cap\": 0.95", "\"gros_cap\": 0.95", "vault.json: vaults[0].allocation.gros_cap is not a known field")]
    [InlineData("\"routing_tags\": [\"retail-cascade\"]", "\"routing_tags\": []", "vault.json: vaults[1].routing_tags must list at least one tag (a vault with none receives nothing)")]
    public void Each_invalid_value_is_reported_with_its_field(string find, string replace, string expected)
    {
        var json = Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid, json);

        var result = VaultConfigLoader.Parse(json, At);

        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Missing_required_fields_are_all_reported()
    {
        var json = """{ "schema_version": 1, "vaults": [ { "id": "core", "routing_tags": ["equity"], "allocation": { "mode": "proportional" } } ] }""";

        var result = VaultConfigLoader.Parse(json, At);

        Assert.All(result.Errors, e => Assert.Equal(VaultConfigErrorCode.MissingField, e.Code));
        Assert.Equal(
            [
                "vault.json: base_currency is required",
                "vault.json: vaults[0].capital is required",
                "vault.json: vaults[0].allocation.min_conviction is required",
                "vault.json: vaults[0].allocation.max_weight_per_symbol is required",
                "vault.json: vaults[0].allocation.gross_cap is required",
            ],
            result.Errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("null", "vault.json: must be a JSON object (was null)")]
    [InlineData("""{ "schema_version": 1, "base_currency": "USD", "vaults": [] }""", "vault.json: vaults must list at least one vault")]
    [InlineData("""{ "schema_version": 1, "base_currency": "USD", "vaults": [null] }""", "vault.json: vaults[0] must be an object (was null)")]
    public void Degenerate_documents_are_errors(string json, string expected)
    {
        var result = VaultConfigLoader.Parse(json, At);

        Assert.Equal(expected, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Default_file_is_written_once_and_loads_back_to_the_default()
    {
        var path = Path.Combine(_dir, "memory", "vault.json");

        Assert.True(VaultConfigLoader.WriteDefaultIfMissing(path));
        Assert.False(VaultConfigLoader.WriteDefaultIfMissing(path));
        var result = VaultConfigLoader.Load(path, At);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal(VaultConfigLoader.ToCanonicalJson(VaultConfig.Default), result.Document.Content);
        Assert.Contains("\"max_weight_per_symbol\": 0.2", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".tmp"));
    }
}
