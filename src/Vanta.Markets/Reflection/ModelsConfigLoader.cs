using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Markets.Harvest;
using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Reflection;

/// <summary>The outcome of reading <c>models.json</c>: a config, or errors that each name the field.</summary>
public sealed record ModelsConfigResult(ModelsConfig? Config, IReadOnlyList<string> Errors)
{
    public bool IsSuccess => Config is not null;
}

/// <summary>
/// Loads and validates <c>memory/models.json</c>; writes the default when missing. A field left out takes its
/// default (a family left out of <c>ttl</c> keeps its own default TTL); a field with a bad value, or a field the
/// file should not have (a typo), is an error naming it, e.g. <c>models.json: stacker.learning_rate must be a number
/// greater than 0 and at most 10 (was -1)</c>. Durations are whole hours or days: <c>"36h"</c>, <c>"10d"</c>.
/// </summary>
public static class ModelsConfigLoader
{
    /// <summary>The file a fresh home gets; it parses to <see cref="ModelsConfig.Default"/>.</summary>
    public const string DefaultJson = """
        {
          "schema_version": 1,
          "enabled": ["momentum@2", "insider-graph@1", "social-sentiment@1", "direction-lgbm@1", "forecast-ets@1", "anomaly-iforest@1"],
          "text_model": "sentiment-vader@1",
          "ttl": {
            "default": "4d",
            "price": "4d",
            "direction": "4d",
            "forecast": "4d",
            "insider": "10d",
            "sentiment": "1d",
            "anomaly": "2d",
            "macro": "7d"
          },
          "stacker": {
            "horizon_bars": 5,
            "learning_rate": 0.3,
            "fixed_share": 0.02,
            "hysteresis_band": 0.05,
            "weight_overrides": {}
          },
          "direction": { "retrain_every": 250, "retrain_every_days": null },
          "anomaly": { "fit_every": 60, "window": 250, "min_rows": 60, "trees": 100, "subsample_size": 128, "seed": 23 }
        }
        """;

    private static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);

    public static bool WriteDefaultIfMissing(string path) => ConfigFile.WriteDefaultIfMissing(path, DefaultJson);

    public static ModelsConfigResult Load(string path) => ConfigFile.Load(path, (json, file) => Parse(json, file), error => new ModelsConfigResult(null, [error]));

    public static ModelsConfigResult Parse(string json, string file = ModelsConfig.FileName) =>
        ConfigFile.Read(json, file, Read, error => new ModelsConfigResult(null, [error]));

    private static ModelsConfigResult Read(JsonElement root, ConfigReader r)
    {
        var d = ModelsConfig.Default;
        Known(r, root, "", ["schema_version", "enabled", "text_model", "ttl", "stacker", "direction", "anomaly"]);
        r.Int(root, "schema_version", "", 1, 1, 1);
        var enabled = Enabled(r, root, d.Enabled);
        var (ttls, defaultTtl) = Ttls(r, r.Object(root, "ttl", ""), d);

        var config = d with { Enabled = enabled, TtlByFamily = ttls, DefaultTtl = defaultTtl, TextModel = TextModel(r, root, d.TextModel) };
        if (r.Object(root, "stacker", "") is { } s)
        {
            Known(r, s, "stacker", ["horizon_bars", "learning_rate", "fixed_share", "hysteresis_band", "weight_overrides"]);
            config = config with
            {
                HorizonBars = r.Int(s, "horizon_bars", "stacker", d.HorizonBars, 1, 250),
                LearningRate = (double)Number(r, s, "learning_rate", "stacker", (decimal)d.LearningRate, 0m, false, 10m, "greater than 0 and at most 10"),
                FixedShare = (double)Number(r, s, "fixed_share", "stacker", (decimal)d.FixedShare, 0m, true, 1m, "from 0 to 1 (1 excluded)", maxInclusive: false),
                HysteresisBand = Number(r, s, "hysteresis_band", "stacker", d.HysteresisBand, 0m, true, 1m, "from 0 to 1"),
                WeightOverrides = Overrides(r, s),
            };
        }
        if (r.Object(root, "direction", "") is { } dir)
        {
            Known(r, dir, "direction", ["retrain_every", "retrain_every_days"]);
            config = config with
            {
                DirectionRetrainEvery = r.Int(dir, "retrain_every", "direction", d.DirectionRetrainEvery, 1, 1_000_000),
                DirectionRetrainEveryDays = dir.TryGetProperty("retrain_every_days", out var days) && days.ValueKind != JsonValueKind.Null
                    ? r.Int(dir, "retrain_every_days", "direction", 1, 1, 3650)
                    : null,
            };
        }
        if (r.Object(root, "anomaly", "") is { } a)
            config = config with { AnomalyFit = Anomaly(r, a, d.AnomalyFit) };

        return r.Errors.Count > 0 ? new(null, r.Errors) : new(config, []);
    }

    private static string TextModel(ConfigReader r, JsonElement root, string fallback)
    {
        if (!root.TryGetProperty("text_model", out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } name || !ModelsConfig.TextModels.Contains(name, StringComparer.Ordinal))
        {
            r.Error("text_model", $"must be one of {string.Join(", ", ModelsConfig.TextModels)} (was {value.GetRawText()})");
            return fallback;
        }
        return name;
    }

    private static ImmutableArray<string> Enabled(ConfigReader r, JsonElement root, ImmutableArray<string> fallback)
    {
        if (!root.TryGetProperty("enabled", out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        var names = r.Strings(root, "enabled", "", fallback);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!ModelsConfig.KnownModels.Contains(names[i], StringComparer.Ordinal))
                r.Error($"enabled[{i}]", $"must be one of {string.Join(", ", ModelsConfig.KnownModels)} (was \"{names[i]}\")");
            else if (!seen.Add(names[i]))
                r.Error($"enabled[{i}]", $"names {names[i]} twice");
        }
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
            r.Error("enabled", "must name at least one model");
        return [.. ModelsConfig.KnownModels.Where(seen.Contains)];
    }

    private static (ImmutableSortedDictionary<string, TimeSpan> Ttls, TimeSpan Default) Ttls(ConfigReader r, JsonElement? ttl, ModelsConfig d)
    {
        if (ttl is not { } t)
            return (d.TtlByFamily, d.DefaultTtl);
        Known(r, t, "ttl", ["default", .. ModelsConfig.Families]);
        var ttls = d.TtlByFamily.ToBuilder();
        foreach (var family in ModelsConfig.Families)
        {
            if (Duration(r, t, family, "ttl") is { } span)
                ttls[family] = span;
        }
        return (ttls.ToImmutable(), Duration(r, t, "default", "ttl") ?? d.DefaultTtl);
    }

    private static ImmutableSortedDictionary<string, decimal> Overrides(ConfigReader r, JsonElement stacker)
    {
        var overrides = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        if (r.Object(stacker, "weight_overrides", "stacker") is not { } o)
            return overrides.ToImmutable();
        foreach (var property in o.EnumerateObject())
        {
            if (!ModelsConfig.KnownModels.Contains(property.Name, StringComparer.Ordinal))
            {
                r.Error($"stacker.weight_overrides.{property.Name}", $"is not a model (one of {string.Join(", ", ModelsConfig.KnownModels)})");
                continue;
            }
            overrides[property.Name] = Number(r, o, property.Name, "stacker.weight_overrides", 0m, 0m, true, 100m, "from 0 to 100");
        }
        return overrides.ToImmutable();
    }

    private static AnomalyLearnerOptions Anomaly(ConfigReader r, JsonElement a, AnomalyLearnerOptions d)
    {
        Known(r, a, "anomaly", ["fit_every", "window", "min_rows", "trees", "subsample_size", "seed"]);
        var options = new AnomalyLearnerOptions(
            r.Int(a, "fit_every", "anomaly", d.FitEvery, 1, 100_000),
            r.Int(a, "window", "anomaly", d.Window, 2, 100_000),
            r.Int(a, "min_rows", "anomaly", d.MinRows, 2, 100_000),
            r.Int(a, "trees", "anomaly", d.Trees, 1, 1_000),
            r.Int(a, "subsample_size", "anomaly", d.SubsampleSize, 2, 4_096),
            r.Int(a, "seed", "anomaly", d.Seed, 0, int.MaxValue));
        if (options.Window < options.MinRows)
            r.Error("anomaly.window", $"must be at least anomaly.min_rows ({options.MinRows}) (was {options.Window})");
        return options;
    }

    private static void Known(ConfigReader r, JsonElement element, string path, IReadOnlyCollection<string> names)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!names.Contains(property.Name))
                r.Error(path.Length == 0 ? property.Name : $"{path}.{property.Name}", $"is not a known field (expected one of {string.Join(", ", names)})");
        }
    }

    private static decimal Number(ConfigReader r, JsonElement parent, string name, string path, decimal fallback,
        decimal min, bool minInclusive, decimal max, string rule, bool maxInclusive = true)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            && (minInclusive ? number >= min : number > min) && (maxInclusive ? number <= max : number < max))
            return number;
        r.Error($"{path}.{name}", $"must be a number {rule} (was {value.GetRawText()})");
        return fallback;
    }

    /// <summary>A whole number of hours or days, <c>"36h"</c> or <c>"10d"</c>, from 1h to 365d; null when absent or bad (bad is an error).</summary>
    private static TimeSpan? Duration(ConfigReader r, JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String && ParseDuration(value.GetString()!) is { } span)
            return span;
        r.Error($"{path}.{name}", $"must be a duration of whole hours or days like \"36h\" or \"10d\", from 1h to 365d (was {value.GetRawText()})");
        return null;
    }

    /// <summary>Parses <c>"36h"</c> or <c>"10d"</c> (1h to 365d); null otherwise.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            return null;
        var span = text[^1] switch
        {
            'h' => TimeSpan.FromHours(Math.Min(n, 100_000)),
            'd' => TimeSpan.FromDays(Math.Min(n, 10_000)),
            _ => (TimeSpan?)null,
        };
        return span is { } s && s <= MaxTtl ? s : null;
    }

    /// <summary>The file text of <paramref name="config"/>, in the layout of <see cref="DefaultJson"/> (which it gives for the default).</summary>
    public static string ToJson(ModelsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = CultureInfo.InvariantCulture;
        var ttl = string.Join(",\n", new[] { ("default", config.DefaultTtl) }
            .Concat(ModelsConfig.Families.Where(config.TtlByFamily.ContainsKey).Select(f => (f, config.TtlByFamily[f])))
            .Select(p => $"    \"{p.Item1}\": \"{FormatDuration(p.Item2)}\""));
        var overrides = config.WeightOverrides.IsEmpty
            ? "{}"
            : "{ " + string.Join(", ", config.WeightOverrides.Select(p => string.Create(c, $"\"{p.Key}\": {p.Value}"))) + " }";
        var days = config.DirectionRetrainEveryDays is { } n ? n.ToString(c) : "null";
        var a = config.AnomalyFit;
        return string.Join("\n",
            "{",
            "  \"schema_version\": 1,",
            "  \"enabled\": [" + string.Join(", ", config.Enabled.Select(m => $"\"{m}\"")) + "],",
            $"  \"text_model\": \"{config.TextModel}\",",
            "  \"ttl\": {",
            ttl,
            "  },",
            "  \"stacker\": {",
            string.Create(c, $"    \"horizon_bars\": {config.HorizonBars},"),
            string.Create(c, $"    \"learning_rate\": {config.LearningRate:R},"),
            string.Create(c, $"    \"fixed_share\": {config.FixedShare:R},"),
            string.Create(c, $"    \"hysteresis_band\": {config.HysteresisBand},"),
            $"    \"weight_overrides\": {overrides}",
            "  },",
            string.Create(c, $"  \"direction\": {{ \"retrain_every\": {config.DirectionRetrainEvery}, \"retrain_every_days\": {days} }},"),
            string.Create(c, $"  \"anomaly\": {{ \"fit_every\": {a.FitEvery}, \"window\": {a.Window}, \"min_rows\": {a.MinRows}, \"trees\": {a.Trees}, \"subsample_size\": {a.SubsampleSize}, \"seed\": {a.Seed} }}"),
            "}");
    }

    /// <summary>The shortest of <c>"10d"</c> or <c>"36h"</c> for a span of whole hours (the form <see cref="ParseDuration"/> reads).</summary>
    public static string FormatDuration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Ticks / TimeSpan.TicksPerDay}d")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Ticks / TimeSpan.TicksPerHour}h");
}
