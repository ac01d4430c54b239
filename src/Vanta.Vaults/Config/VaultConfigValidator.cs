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
    private int _schemaVersion = VaultConfig.LatestSchemaVersion;
    private ImmutableArray<PersonaDefinition>? _personas;

    public ImmutableArray<VaultConfigError> Errors => [.. _errors];

    public VaultConfig? Validate(VaultFileDto file)
    {
        ReportUnknown("", file.Extra);
        if (file.SchemaVersion is null)
            Missing("schema_version");
        else if (file.SchemaVersion is < 1 or > VaultConfig.LatestSchemaVersion)
            Add(VaultConfigErrorCode.UnsupportedSchemaVersion, "schema_version",
                $"must be 1 or {VaultConfig.LatestSchemaVersion} (was {file.SchemaVersion})");
        _schemaVersion = file.SchemaVersion ?? VaultConfig.LatestSchemaVersion;
        var personas = ValidatePersonas(file.Personas);

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
        if (_errors.Count == 0)
            ValidateCompoundingTargets(vaults);

        return _errors.Count == 0
            ? new VaultConfig(file.SchemaVersion!.Value, file.BaseCurrency!, vaults.ToImmutable()) { Personas = personas }
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
        else if (dto.Persona is { } named && Personas.PersonaCatalog.Find(named, _personas) is null)
            Add(VaultConfigErrorCode.UnknownPersona, $"{path}.persona",
                $"must be a built-in persona ({string.Join(", ", Personas.PersonaCatalog.BuiltIn.Keys)}) or one defined under personas (was '{named}')");

        var tags = ValidateTags(dto.RoutingTags, $"{path}.routing_tags");
        var loan = ValidateLoan(dto.Loan, $"{path}.loan");
        var rules = ValidateAllocation(dto.Allocation, $"{path}.allocation", loan);
        var caps = ValidateCaps(dto.Caps, $"{path}.caps", loan);
        var compounding = ValidateCompounding(dto.Compounding, $"{path}.compounding");
        if (_errors.Count != before)
            return null;

        return new VaultDefinition(
            new VaultId(dto.Id!),
            Normalize(dto.Capital!.Value),
            dto.Persona ?? VaultDefinition.DefaultPersona,
            tags,
            rules!,
            dto.AllowShort ?? false,
            dto.CompoundRealizedPnl ?? false)
        {
            Caps = caps,
            Loan = loan,
            Compounding = compounding,
        };
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

    private AllocationRules? ValidateAllocation(AllocationDto? dto, string path, LoanTerms? loan)
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
        else if (dto.Mode == "banded" && RequireV2($"{path}.mode", "the banded mode"))
            mode = AllocationMode.Banded;
        else if (dto.Mode != "banded")
            Add(VaultConfigErrorCode.UnknownAllocationMode, $"{path}.mode", $"must be one of: proportional, banded (was '{dto.Mode}')");
        var bands = ValidateBands(dto.Bands, $"{path}.bands", mode);

        var min = Weight(dto.MinConviction, $"{path}.min_conviction", zeroAllowed: true, oneAllowed: false);
        var cap = Weight(dto.MaxWeightPerSymbol, $"{path}.max_weight_per_symbol", zeroAllowed: false, oneAllowed: true);
        var gross = loan is null
            ? Weight(dto.GrossCap, $"{path}.gross_cap", zeroAllowed: false, oneAllowed: true)
            : Ranged(dto.GrossCap, $"{path}.gross_cap", 0m, loan.MaxLeverage, "the loan's max_leverage");
        var band = Weight(dto.RebalanceBand ?? 0m, $"{path}.rebalance_band", zeroAllowed: true, oneAllowed: false);
        return mode is { } m && min is { } mn && cap is { } c && gross is { } g && band is { } b
            ? new AllocationRules(m, mn, c, g, b) { Bands = bands }
            : null;
    }

    internal decimal? Weight(decimal? value, string field, bool zeroAllowed, bool oneAllowed)
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

    internal void ReportUnknown(string path, Dictionary<string, JsonElement>? extra)
    {
        if (extra is null)
            return;
        foreach (var name in extra.Keys.Order(StringComparer.Ordinal))
        {
            var field = path.Length == 0 ? name : $"{path}.{name}";
            Add(VaultConfigErrorCode.UnknownField, field, "is not a known field");
        }
    }

    internal void Missing(string field) => Add(VaultConfigErrorCode.MissingField, field, "is required");

    internal void Add(VaultConfigErrorCode code, string field, string problem) =>
        _errors.Add(new VaultConfigError(code, field, $"{sourceName}: {field} {problem}"));

    internal static string Show(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    // 0.20 and 0.2 are the same setting: strip trailing zeros so both give the same canonical text and version.
    internal static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    [GeneratedRegex("^[A-Z]{3}\\z")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}\\z")]
    private static partial Regex VaultIdPattern();
}
