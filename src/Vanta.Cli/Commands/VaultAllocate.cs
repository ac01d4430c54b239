using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;
using Vanta.Vaults.Overlay;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta vault allocate</c>: a dry run of one allocation round, printing every move made or refused and why.
/// <list type="bullet">
/// <item><c>--signals</c>: a JSON array of conviction vectors, as in <c>memory/trade_signals.json</c>.</item>
/// <item><c>--positions</c>: current target weights per vault, <c>{"core": {"AAPL": 0.1, "MSFT": -0.05}}</c>;
/// a vault left out is flat.</item>
/// <item><c>--prices</c>: last prices, <c>{"AAPL": 190.5}</c>; with them each made move also shows the target
/// quantity (capital x weight / price in whole lots, as an intent carries it) and the vault's collar limit.</item>
/// <item><c>--now</c>: the allocation time; default the latest <c>issued_at</c> among the signals (never the
/// wall clock). Convictions expired at that time are listed as ignored.</item>
/// </list>
/// </summary>
public static class VaultAllocate
{
    public static Command Create()
    {
        var signals = new Option<string>("--signals") { Description = "JSON array of conviction vectors (memory/trade_signals.json)", Required = true };
        var vaults = new Option<string>("--vaults") { Description = "The vault.json to allocate with", Required = true };
        var overlay = new Option<string?>("--overlay") { Description = "A vault_overlay.json (default: none, nothing switched)" };
        var positions = new Option<string?>("--positions") { Description = "Current weights: {\"VAULT\": {\"SYMBOL\": weight}}; default flat" };
        var prices = new Option<string?>("--prices") { Description = "Last prices: {\"SYMBOL\": price}; each made move then shows its target quantity and collar limit" };
        var now = new Option<string?>("--now") { Description = "Allocation time, ISO 8601 (default: the latest issued_at among the signals)" };
        var command = new Command("allocate", "Dry run: one allocation round over a signals file, printing each move made or refused and why")
        {
            signals, vaults, overlay, positions, prices, now,
        };
        command.SetAction(parse => Run(
            parse.GetValue(signals)!, parse.GetValue(vaults)!, parse.GetValue(overlay), parse.GetValue(positions), parse.GetValue(now),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, parse.GetValue(prices)));
        return command;
    }

    public static int Run(
        string signalsPath, string vaultsPath, string? overlayPath, string? positionsPath, string? nowText, TextWriter output, TextWriter error,
        string? pricesPath = null)
    {
        const string Name = "vanta vault allocate";
        var config = VaultConfigLoader.Load(vaultsPath, VaultCommand.LoadedAt);
        if (!config.IsSuccess)
        {
            VaultCommand.WriteErrors(config.Errors, error);
            return 2;
        }
        VaultOverlayResult? overlay = null;
        if (overlayPath is not null)
        {
            overlay = VaultOverlayLoader.Load(overlayPath, VaultCommand.LoadedAt);
            if (!overlay.IsSuccess)
            {
                VaultCommand.WriteErrors(overlay.Errors, error);
                return 2;
            }
        }
        if (!File.Exists(signalsPath))
        {
            error.WriteLine($"{Name}: {signalsPath} does not exist");
            return 2;
        }
        ImmutableArray<ConvictionVector> signals;
        try
        {
            signals = JsonSerializer.Deserialize(File.ReadAllBytes(signalsPath), VantaJsonContext.Default.ImmutableArrayConvictionVector);
        }
        catch (JsonException e)
        {
            error.WriteLine($"{Name}: {signalsPath} is not a JSON array of conviction vectors: {e.Message}");
            return 2;
        }
        signals = signals.IsDefault ? [] : signals;

        IReadOnlyDictionary<VaultId, ImmutableSortedDictionary<string, decimal>>? positions = null;
        if (positionsPath is not null)
        {
            positions = ReadPositions(positionsPath, config.Config, out var problem);
            if (positions is null)
            {
                error.WriteLine($"{Name}: {problem}");
                return 2;
            }
        }

        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (pricesPath is not null && !ReadPrices(pricesPath, prices, out var badPrices))
        {
            error.WriteLine($"{Name}: {badPrices}");
            return 2;
        }

        DateTimeOffset now;
        if (nowText is not null)
        {
            if (!DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
            {
                error.WriteLine($"{Name}: --now must be an ISO 8601 time, e.g. 2019-06-03T20:00:00Z (was '{nowText}')");
                return 2;
            }
        }
        else if (signals.Length > 0)
        {
            now = signals.Max(s => s.IssuedAt);
        }
        else
        {
            error.WriteLine($"{Name}: {signalsPath} holds no signals; give --now");
            return 2;
        }

        var plans = VaultAllocator.Explain(config.Config, signals, now, overlay?.Overlay, positions);
        output.WriteLine($"dry run at {now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}: vault.json {config.Document.Version[..12]}"
            + (overlay is null ? ", no overlay" : $", overlay {overlay.Document!.Version[..12]}"));

        var ignored = 0;
        foreach (var s in signals.Where(s => !s.IsLiveAt(now)).OrderBy(s => s.Symbol, StringComparer.Ordinal))
        {
            ignored++;
            output.WriteLine($"ignored {s.Symbol}: conviction {s.ConvictionScore.ToString(CultureInfo.InvariantCulture)} expired at {s.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }
        int made = 0, refused = 0;
        foreach (var plan in plans)
        {
            if (plan.Decisions.IsEmpty)
                output.WriteLine($"{plan.Vault}: no moves");
            foreach (var d in plan.Decisions)
            {
                if (d.Made)
                    made++;
                else
                    refused++;
                var reason = d.Reason.StartsWith("refused: ", StringComparison.Ordinal) ? d.Reason["refused: ".Length..] : d.Reason;
                var sizing = d.Made && prices.TryGetValue(d.Symbol, out var price) ? Sizing(config.Config.Vaults.Single(v => v.Id == d.Vault), d, price) : "";
                output.WriteLine($"{d.Vault} {d.Symbol} {VaultCommand.Num(d.From)} -> {VaultCommand.Num(d.To)} {(d.Made ? "made" : "refused")}: {reason}{sizing}");
            }
        }
        output.WriteLine($"{made} made, {refused} refused, {ignored} ignored");
        return 0;
    }

    // What the intent of a made move would carry: the target holding and, with a collar, the worst acceptable price.
    private static string Sizing(VaultDefinition vault, AllocationDecision d, decimal price)
    {
        var side = d.To > d.From ? OrderSide.Buy : OrderSide.Sell;
        var quantity = IntentSizing.Quantity(vault.Capital, d.To, price, vault.Caps?.LotSize ?? 1m);
        var limit = vault.Caps?.LimitCollar is { } collar ? $", {side.ToString().ToLowerInvariant()} limit {VaultCommand.Num(IntentSizing.Limit(side, price, collar))}" : "";
        return $" [target {VaultCommand.Num(quantity)} at {VaultCommand.Num(price)}{limit}]";
    }

    private static bool ReadPrices(string path, Dictionary<string, decimal> prices, out string? problem)
    {
        using var document = ReadObject(path, "symbols to prices", out problem);
        if (document is null)
            return false;
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetDecimal(out var price) || price <= 0m)
            {
                problem = $"{path}: {entry.Name} must be a positive price (was {entry.Value.GetRawText()})";
                return false;
            }
            prices[entry.Name] = price;
        }
        return true;
    }

    private static Dictionary<VaultId, ImmutableSortedDictionary<string, decimal>>? ReadPositions(string path, VaultConfig config, out string? problem)
    {
        using var document = ReadObject(path, "vault ids to {\"SYMBOL\": weight} objects", out problem);
        if (document is null)
            return null;
        var known = config.Vaults.Select(v => v.Id.Value).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<VaultId, ImmutableSortedDictionary<string, decimal>>();
        foreach (var vault in document.RootElement.EnumerateObject())
        {
            if (!known.Contains(vault.Name))
            {
                problem = $"{path}: {vault.Name} is not a vault of the --vaults file";
                return null;
            }
            if (vault.Value.ValueKind != JsonValueKind.Object)
            {
                problem = $"{path}: {vault.Name} must be an object of symbols to weights";
                return null;
            }
            var book = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
            foreach (var position in vault.Value.EnumerateObject())
            {
                if (position.Value.ValueKind != JsonValueKind.Number || !position.Value.TryGetDecimal(out var weight) || weight is < -1m or > 1m)
                {
                    problem = $"{path}: {vault.Name}.{position.Name} must be a weight from -1 to 1 (was {position.Value.GetRawText()})";
                    return null;
                }
                if (weight != 0m)
                    book[position.Name] = weight;
            }
            result[new VaultId(vault.Name)] = book.ToImmutable();
        }
        return result;
    }

    // A JSON object file (comments allowed); null, with the problem named, when it is missing, not JSON or not an object.
    private static JsonDocument? ReadObject(string path, string shape, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist";
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            problem = $"{path} is not valid JSON: {e.Message}";
            return null;
        }
        if (document.RootElement.ValueKind == JsonValueKind.Object)
            return document;
        document.Dispose();
        problem = $"{path}: must be an object of {shape}";
        return null;
    }
}
