using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Compounding;

/// <summary>
/// The capital each vault sizes from, as its configured capital moved by compounding:
/// <c>capital = configured + (compounds ? realised - swept out : 0) + swept in</c>, never below 0 for sizing.
/// A vault compounds when it sets <c>compound_realized_pnl</c> or any compounding rule. Once a day (on the run's
/// clock) <see cref="Sweep"/> moves, for each <c>sweep_gains</c> vault, <c>share</c> of the realised PnL it made
/// above its high-water mark since the last sweep into its growth vault, rounded down to the cent; losses are made
/// good before anything is swept again. Loan vaults never sweep nor receive (the loader refuses it). Not thread-safe.
/// </summary>
public sealed class VaultCapitalBook
{
    /// <summary>Decimal places of a swept amount (cents of the base currency).</summary>
    public const int MoneyScale = 2;

    /// <summary>The kind of the journaled capital statement (a config-topic document).</summary>
    public const string DocumentKind = "vault_capital";

    private readonly SortedDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private ImmutableArray<VaultDefinition> _vaults;

    public VaultCapitalBook(VaultConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _vaults = [];
        Reconfigure(config);
    }

    /// <summary>
    /// Takes the configured capital and rules of a new config version. Realised PnL, swept amounts and high-water
    /// marks carry over for vaults that remain; new vaults start at their configured capital.
    /// </summary>
    public void Reconfigure(VaultConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _vaults = [.. config.Vaults.OrderBy(v => v.Id.Value, StringComparer.Ordinal)];
        foreach (var gone in _accounts.Keys.Where(id => !_vaults.Any(v => v.Id.Value == id)).ToList())
            _accounts.Remove(gone);
        foreach (var vault in _vaults)
        {
            if (!_accounts.TryGetValue(vault.Id.Value, out var account))
                _accounts[vault.Id.Value] = account = new Account();
            account.Configured = vault.Capital;
            account.Compounds = vault.CompoundRealizedPnl || vault.Compounding is not null;
        }
    }

    /// <summary>Records a vault's cumulative realised PnL (as its ledger reports it); unknown vaults are ignored.</summary>
    public void ReportRealized(VaultId vault, decimal realizedPnl)
    {
        if (_accounts.TryGetValue(vault.Value, out var account))
            account.Realized = realizedPnl;
    }

    /// <summary>The capital <paramref name="vault"/> sizes from now (0 when unknown or when losses ate it all).</summary>
    public decimal CapitalOf(VaultId vault) =>
        _accounts.TryGetValue(vault.Value, out var account) ? Math.Max(0m, account.Capital) : 0m;

    /// <summary>Applies every <c>sweep_gains</c> rule once, for the day <paramref name="day"/>; returns the sweeps made.</summary>
    public ImmutableArray<CapitalSweep> Sweep(DateOnly day)
    {
        var sweeps = ImmutableArray.CreateBuilder<CapitalSweep>();
        foreach (var vault in _vaults)
        {
            if (vault.Compounding is not { Mode: CompoundingMode.SweepGains, Into: { } into } rule
                || !_accounts.TryGetValue(into, out var growth))
                continue;
            var account = _accounts[vault.Id.Value];
            var gain = account.Realized - account.HighWater;
            if (gain <= 0m)
                continue;
            account.HighWater = account.Realized;
            var amount = decimal.Round(gain * rule.Share, MoneyScale, MidpointRounding.ToZero);
            if (amount <= 0m)
                continue;
            account.SweptOut += amount;
            growth.SweptIn += amount;
            sweeps.Add(new CapitalSweep(vault.Id, new VaultId(into), day, account.Realized, gain, rule.Share, amount));
        }
        return sweeps.ToImmutable();
    }

    /// <summary>Every vault's capital and how it got there, by vault id.</summary>
    public ImmutableArray<VaultCapital> Snapshot() =>
        [.. _accounts.Select(kv => new VaultCapital(
            new VaultId(kv.Key), kv.Value.Configured, kv.Value.Compounds, kv.Value.Realized, kv.Value.HighWater, kv.Value.SweptOut, kv.Value.SweptIn, kv.Value.Capital))];

    /// <summary>The capital statement after <paramref name="sweeps"/>, as a versioned document for the journal.</summary>
    public ConfigDocument ToDocument(DateOnly day, ImmutableArray<CapitalSweep> sweeps, DateTimeOffset effectiveAt) =>
        ConfigDocument.Of(DocumentKind, JsonSerializer.Serialize(new CapitalStatement(day, sweeps, Snapshot()), VaultsJsonContext.Default.CapitalStatement), effectiveAt);

    private sealed class Account
    {
        public decimal Configured { get; set; }
        public bool Compounds { get; set; }
        public decimal Realized { get; set; }
        public decimal HighWater { get; set; }
        public decimal SweptOut { get; set; }
        public decimal SweptIn { get; set; }
        public decimal Capital => Configured + (Compounds ? Realized - SweptOut : 0m) + SweptIn;
    }
}

/// <summary>One sweep: <paramref name="Amount"/> = <paramref name="Gain"/> x <paramref name="Share"/>, rounded down to the cent.</summary>
/// <param name="RealizedPnl">The source vault's cumulative realised PnL at the sweep.</param>
/// <param name="Gain">Realised PnL above the source's previous high-water mark.</param>
public sealed record CapitalSweep(VaultId From, VaultId Into, DateOnly Day, decimal RealizedPnl, decimal Gain, decimal Share, decimal Amount);

/// <summary>A vault's capital and its parts (<see cref="VaultCapitalBook"/> gives the formula).</summary>
/// <param name="HighWater">Realised PnL up to which gains were already considered for sweeping.</param>
/// <param name="Capital">What the vault sizes from (before the floor at 0).</param>
public sealed record VaultCapital(
    VaultId Vault, decimal Configured, bool Compounds, decimal RealizedPnl, decimal HighWater, decimal SweptOut, decimal SweptIn, decimal Capital);

/// <summary>The journaled capital statement of one day's sweeps (<c>memory/vault_capital.json</c> has the latest).</summary>
public sealed record CapitalStatement(DateOnly Day, ImmutableArray<CapitalSweep> Sweeps, ImmutableArray<VaultCapital> Vaults)
{
    /// <summary>The snapshot's file name inside <c>memory/</c>.</summary>
    public const string FileName = "vault_capital.json";
}
