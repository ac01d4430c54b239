using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vanta.Core.Ids;

namespace Vanta.Vaults.Config;

/// <summary>
/// Turns the file as written into a <see cref="VaultConfig"/>, collecting every problem with the path of
/// its field, so an operator can fix the whole file in one go.
/// </summary>
internal sealed partial class VaultConfigValidator(string sourceName)
{
    /// <summary>Weights are rounded to this many decimal places; config weights may not be finer.</summary>
    public const int WeightScale = 6;

    private readonly List<VaultConfigError> _errors = [];

    public ImmutableArray<VaultConfigError> Errors => [.. _errors];

    public VaultConfig? Validate(VaultFileDto file)
    {
        ReportUnknown("", file.Extra);
        if (file.SchemaVersion is null)
            Missing("schema_version");
        else if (file.SchemaVersion != VaultConfig.CurrentSchemaVersion)
            Add(VaultConfigErrorCode.UnsupportedSchemaVersion, "schema_version",
                $"must be {VaultConfig.CurrentSchemaVersion} (was {file.SchemaVersion})");

        if (file.BaseCurrency is null)
            Missing("base_currency");
        else if (!CurrencyPattern().IsMatch(file.BaseCurrency))
            Add(VaultConfigErrorCode.InvalidValue, "base_currency",
                $"must be a three-letter upper-case currency code (was '{file.BaseCurrency}')");

        var vaults = ImmutableArray.CreateBuilder<VaultDefinition>();
        if (file.Vaults is null)
            Missing("vaults");
        else if (file.Vaults.Count == 0)
            Add(VaultConfigErrorCode.InvalidValue, "vaults", "must list at least one vault");
        else
            ValidateVaults(file.Vaults, vaults);

        return _errors.Count == 0
            ? new VaultConfig(file.SchemaVersion!.Value, file.BaseCurrency!, vaults.ToImmutable())
            : null;
    }

    private void ValidateVaults(List<VaultDto?> dtos, ImmutableArray<VaultDefinition>.Builder vaults)
    {
        var firstIndexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < dtos.Count; i++)
        {
            var path = $"vaults[{i}]";
            if (dtos[i] is not { } dto)
            {
                Add(VaultConfigErrorCode.InvalidValue, path, "must be an object (was null)");
                continue;
            }
            if (dto.Id is not null && !firstIndexById.TryAdd(dto.Id, i))
                Add(VaultConfigErrorCode.DuplicateVaultId, $"{path}.id",
                    $"duplicates vaults[{firstIndexById[dto.Id]}].id ('{dto.Id}')");
            if (ValidateVault(dto, path) is { } vault)
                vaults.Add(vault);
        }
    }

    private VaultDefinition? ValidateVault(VaultDto dto, string path)
    {
        var before = _errors.Count;
        ReportUnknown(path, dto.Extra);
        if (dto.Id is null)
            Missing($"{path}.id");
        else if (!VaultIdPattern().IsMatch(dto.Id))
            Add(VaultConfigErrorCode.InvalidValue, $"{path}.id",
                $"must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit (was '{dto.Id}')");

        if (dto.Capital is null)
            Missing($"{path}.capital");
        else if (dto.Capital <= 0)
            Add(VaultConfigErrorCode.OutOfRange, $"{path}.capital", $"must be greater than 0 (was {Show(dto.Capital.Value)})");

        if (dto.Persona is { } persona && string.IsNullOrWhiteSpace(persona))
            Add(VaultConfigErrorCode.InvalidValue, $"{path}.persona", "must not be empty");

        var tags = ValidateTags(dto.RoutingTags, $"{path}.routing_tags");
        var rules = ValidateAllocation(dto.Allocation, $"{path}.allocation");
        if (_errors.Count != before)
            return null;

        return new VaultDefinition(
            new VaultId(dto.Id!),
            Normalize(dto.Capital!.Value),
            dto.Persona ?? VaultDefinition.DefaultPersona,
            tags,
            rules!,
            dto.AllowShort ?? false,
            dto.CompoundRealizedPnl ?? false);
    }

    private ImmutableArray<string> ValidateTags(List<string?>? tags, string path)
    {
        if (tags is null)
        {
            Missing(path);
            return [];
        }
        if (tags.Count == 0)
            Add(VaultConfigErrorCode.InvalidValue, path, "must list at least one tag (a vault with none receives nothing)");
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]))
                Add(VaultConfigErrorCode.InvalidValue, $"{path}[{i}]", "must be a non-empty tag");
        }
        // Order and repeats carry no meaning, so the canonical form (and the version hash) ignores them.
        return [.. tags.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private AllocationRules? ValidateAllocation(AllocationDto? dto, string path)
    {
        if (dto is null)
        {
            Missing(path);
            return null;
        }
        ReportUnknown(path, dto.Extra);
        AllocationMode? mode = null;
        if (dto.Mode is null)
            Missing($"{path}.mode");
        else if (dto.Mode == "proportional")
            mode = AllocationMode.Proportional;
        else
            Add(VaultConfigErrorCode.UnknownAllocationMode, $"{path}.mode", $"must be one of: proportional (was '{dto.Mode}')");

        var min = Weight(dto.MinConviction, $"{path}.min_conviction", zeroAllowed: true, oneAllowed: false);
        var cap = Weight(dto.MaxWeightPerSymbol, $"{path}.max_weight_per_symbol", zeroAllowed: false, oneAllowed: true);
        var gross = Weight(dto.GrossCap, $"{path}.gross_cap", zeroAllowed: false, oneAllowed: true);
        var band = Weight(dto.RebalanceBand ?? 0m, $"{path}.rebalance_band", zeroAllowed: true, oneAllowed: false);
        return mode is { } m && min is { } mn && cap is { } c && gross is { } g && band is { } b
            ? new AllocationRules(m, mn, c, g, b)
            : null;
    }

    private decimal? Weight(decimal? value, string field, bool zeroAllowed, bool oneAllowed)
    {
        if (value is not { } v)
        {
            Missing(field);
            return null;
        }
        var inRange = (zeroAllowed ? v >= 0 : v > 0) && (oneAllowed ? v <= 1 : v < 1);
        if (!inRange)
        {
            Add(VaultConfigErrorCode.OutOfRange, field, $"must be between 0 and 1 (was {Show(v)})");
            return null;
        }
        if (decimal.Round(v, WeightScale) != v)
        {
            Add(VaultConfigErrorCode.InvalidValue, field, $"must have at most {WeightScale} decimal places (was {Show(v)})");
            return null;
        }
        return Normalize(v);
    }

    private void ReportUnknown(string path, Dictionary<string, JsonElement>? extra)
    {
        if (extra is null)
            return;
        foreach (var name in extra.Keys.Order(StringComparer.Ordinal))
        {
            var field = path.Length == 0 ? name : $"{path}.{name}";
            Add(VaultConfigErrorCode.UnknownField, field, "is not a known field");
        }
    }

    private void Missing(string field) => Add(VaultConfigErrorCode.MissingField, field, "is required");

    private void Add(VaultConfigErrorCode code, string field, string problem) =>
        _errors.Add(new VaultConfigError(code, field, $"{sourceName}: {field} {problem}"));

    private static string Show(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    // 0.20 and 0.2 are the same setting: strip trailing zeros so both give the same canonical text and version.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    [GeneratedRegex("^[A-Z]{3}\\z")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}\\z")]
    private static partial Regex VaultIdPattern();
}
