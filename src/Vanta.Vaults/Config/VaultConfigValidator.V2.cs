using System.Collections.Immutable;
using System.Globalization;

namespace Vanta.Vaults.Config;

// Schema 2 sections: personas, tier bands, caps, loan terms, compounding.
internal sealed partial class VaultConfigValidator
{
    private const decimal MaxLeverageLimit = 10m;
    private const decimal MaxSizeMultiplier = 3m;

    private bool RequireV2(string field, string what)
    {
        if (_schemaVersion >= 2)
            return true;
        Add(VaultConfigErrorCode.RequiresSchemaVersion2, field, $"uses {what}, which needs \"schema_version\": 2");
        return false;
    }

    private decimal? Ranged(decimal? value, string field, decimal above, decimal atMost, string? maxName = null)
    {
        if (value is not { } v)
        {
            Missing(field);
            return null;
        }
        if (v <= above || v > atMost)
        {
            var max = maxName is null ? Show(atMost) : $"{maxName} {Show(atMost)}";
            Add(VaultConfigErrorCode.OutOfRange, field, $"must be greater than {Show(above)} and at most {max} (was {Show(v)})");
            return null;
        }
        return Normalize(v);
    }

    private ImmutableArray<PersonaDefinition>? ValidatePersonas(List<PersonaDto?>? dtos)
    {
        if (dtos is null || !RequireV2("personas", "user-defined personas"))
            return null;
        var personas = ImmutableArray.CreateBuilder<PersonaDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < dtos.Count; i++)
        {
            var path = $"personas[{i}]";
            if (dtos[i] is not { } dto)
            {
                Add(VaultConfigErrorCode.InvalidValue, path, "must be an object (was null)");
                continue;
            }
            var before = _errors.Count;
            ReportUnknown(path, dto.Extra);
            if (string.IsNullOrWhiteSpace(dto.Name))
                Missing($"{path}.name");
            else if (Personas.PersonaCatalog.BuiltIn.ContainsKey(dto.Name) || !seen.Add(dto.Name))
                Add(VaultConfigErrorCode.InvalidValue, $"{path}.name", $"must differ from the built-in and other personas (was '{dto.Name}')");
            ConvictionTransform? transform = dto.Transform switch
            {
                null => ConvictionTransform.Identity,
                "identity" => ConvictionTransform.Identity,
                "negate" => ConvictionTransform.Negate,
                "dampen" => ConvictionTransform.Dampen,
                "amplify" => ConvictionTransform.Amplify,
                _ => null,
            };
            if (transform is null)
                Add(VaultConfigErrorCode.InvalidValue, $"{path}.transform", $"must be one of: identity, negate, dampen, amplify (was '{dto.Transform}')");
            var size = Ranged(dto.SizeMultiplier ?? 1m, $"{path}.size_multiplier", 0m, MaxSizeMultiplier);
            var max = Weight(dto.MaxPosition ?? 1m, $"{path}.max_position", zeroAllowed: false, oneAllowed: true);
            var tags = dto.AllowedTags is null ? [] : ValidateTags(dto.AllowedTags, $"{path}.allowed_tags");
            if (_errors.Count == before)
                personas.Add(new PersonaDefinition(dto.Name!, transform!.Value, size!.Value, max!.Value, tags));
        }
        _personas = [.. personas.OrderBy(p => p.Name, StringComparer.Ordinal)];
        return _personas;
    }

    private ImmutableArray<TierBand>? ValidateBands(List<BandDto?>? dtos, string path, AllocationMode? mode)
    {
        if (mode != AllocationMode.Banded)
        {
            if (dtos is not null && mode is not null)
                Add(VaultConfigErrorCode.InvalidValue, path, "is only read in the banded mode");
            return null;
        }
        if (dtos is null || dtos.Count == 0)
        {
            Add(VaultConfigErrorCode.MissingField, path, "must list at least one band in the banded mode");
            return null;
        }
        var bands = ImmutableArray.CreateBuilder<TierBand>();
        for (var i = 0; i < dtos.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (dtos[i] is not { } dto)
            {
                Add(VaultConfigErrorCode.InvalidValue, at, "must be an object (was null)");
                return null;
            }
            ReportUnknown(at, dto.Extra);
            var from = Weight(dto.From, $"{at}.from", zeroAllowed: true, oneAllowed: false);
            var to = Weight(dto.To, $"{at}.to", zeroAllowed: false, oneAllowed: true);
            var weight = Weight(dto.Weight, $"{at}.weight", zeroAllowed: false, oneAllowed: true);
            if (from is null || to is null || weight is null)
                return null;
            if (to <= from)
            {
                Add(VaultConfigErrorCode.InvalidValue, $"{at}.to", $"must be greater than from {Show(from.Value)} (was {Show(to.Value)})");
                return null;
            }
            if (i > 0 && bands[i - 1].To is var previous && previous != from)
            {
                var code = from < previous ? VaultConfigErrorCode.OverlappingBands : VaultConfigErrorCode.GappedBands;
                var how = from < previous ? "overlaps" : "leaves a gap after";
                Add(code, $"{at}.from", $"{how} {path}[{i - 1}], which ends at {Show(previous)} (was {Show(from.Value)}); bands must be ascending and touch");
                return null;
            }
            bands.Add(new TierBand(from.Value, to.Value, weight.Value));
        }
        if (bands[^1].To != 1m)
        {
            Add(VaultConfigErrorCode.GappedBands, $"{path}[{bands.Count - 1}].to", $"must be 1 so every conviction above the first band has a tier (was {Show(bands[^1].To)})");
            return null;
        }
        return bands.ToImmutable();
    }

    private VaultCaps? ValidateCaps(CapsDto? dto, string path, LoanTerms? loan)
    {
        if (dto is null || !RequireV2(path, "caps"))
            return null;
        var before = _errors.Count;
        ReportUnknown(path, dto.Extra);
        var leverage = loan?.MaxLeverage ?? 1m;
        var net = dto.MaxNetExposure is null ? leverage
            : loan is null ? Weight(dto.MaxNetExposure, $"{path}.max_net_exposure", zeroAllowed: true, oneAllowed: true)
            : Ranged(dto.MaxNetExposure, $"{path}.max_net_exposure", -1m, leverage, "the loan's max_leverage");
        var buffer = Weight(dto.CashBuffer ?? 0m, $"{path}.cash_buffer", zeroAllowed: true, oneAllowed: false);
        var minTrade = dto.MinTradeSize ?? 0m;
        if (minTrade < 0)
            Add(VaultConfigErrorCode.OutOfRange, $"{path}.min_trade_size", $"must be 0 or more (was {Show(minTrade)})");
        var lot = dto.LotSize ?? 1m;
        if (lot <= 0)
            Add(VaultConfigErrorCode.OutOfRange, $"{path}.lot_size", $"must be greater than 0 (was {Show(lot)})");
        decimal? turnover = null;
        if (dto.TurnoverLimit is not null)
            turnover = Ranged(dto.TurnoverLimit, $"{path}.turnover_limit", 0m, 2m * leverage);
        decimal? collar = null;
        if (dto.LimitCollar is not null)
            collar = Weight(dto.LimitCollar, $"{path}.limit_collar", zeroAllowed: false, oneAllowed: false);
        return _errors.Count == before
            ? new VaultCaps(net!.Value, buffer!.Value, Normalize(minTrade), Normalize(lot), turnover) { LimitCollar = collar is { } c ? Normalize(c) : null }
            : null;
    }

    private LoanTerms? ValidateLoan(LoanDto? dto, string path)
    {
        if (dto is null || !RequireV2(path, "loan terms"))
            return null;
        var before = _errors.Count;
        ReportUnknown(path, dto.Extra);
        var leverage = Ranged(dto.MaxLeverage, $"{path}.max_leverage", 0m, MaxLeverageLimit);
        var drawdown = Weight(dto.DrawdownLimit, $"{path}.drawdown_limit", zeroAllowed: false, oneAllowed: false);
        return _errors.Count == before ? new LoanTerms(leverage!.Value, drawdown!.Value) : null;
    }

    private CompoundingRule? ValidateCompounding(CompoundingDto? dto, string path)
    {
        if (dto is null || !RequireV2(path, "a compounding rule"))
            return null;
        var before = _errors.Count;
        ReportUnknown(path, dto.Extra);
        CompoundingMode? mode = dto.Mode switch
        {
            "retain" => CompoundingMode.Retain,
            "sweep_gains" => CompoundingMode.SweepGains,
            _ => null,
        };
        if (mode is null)
            Add(VaultConfigErrorCode.InvalidValue, $"{path}.mode", $"must be one of: retain, sweep_gains (was '{dto.Mode}')");
        var share = Weight(dto.Share ?? (mode == CompoundingMode.SweepGains ? null : 0m), $"{path}.share", zeroAllowed: true, oneAllowed: true);
        if (mode == CompoundingMode.SweepGains && string.IsNullOrWhiteSpace(dto.Into))
            Missing($"{path}.into");
        return _errors.Count == before ? new CompoundingRule(mode!.Value, share!.Value, dto.Into) : null;
    }

    // A sweep must name another, non-loan vault: loan capital is never mixed with anyone else's.
    private void ValidateCompoundingTargets(ImmutableArray<VaultDefinition>.Builder vaults)
    {
        for (var i = 0; i < vaults.Count; i++)
        {
            if (vaults[i].Compounding is not { Mode: CompoundingMode.SweepGains, Into: { } into })
                continue;
            var field = string.Create(CultureInfo.InvariantCulture, $"vaults[{i}].compounding.into");
            var target = vaults.FirstOrDefault(v => v.Id.Value == into);
            if (target is null || target.Id == vaults[i].Id)
                Add(VaultConfigErrorCode.InvalidValue, field, $"must name another vault (was '{into}')");
            else if (target.IsLoan || vaults[i].IsLoan)
                Add(VaultConfigErrorCode.InvalidValue, field, $"may not move PnL into or out of a loan vault (was '{into}')");
        }
    }
}
