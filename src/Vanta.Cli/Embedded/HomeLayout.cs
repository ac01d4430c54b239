namespace Vanta.Cli.Embedded;

/// <summary>Where a node keeps its state under VANTA_HOME (see docs/architecture.md, "State on disk").</summary>
public sealed record HomeLayout(string Root)
{
    public string Memory => Path.Combine(Root, "memory");
    public string Logs => Path.Combine(Root, "logs");
    public string Lake => Path.Combine(Root, "lake");
    public string Journal => Path.Combine(Logs, "journal");
    public string TradeLog => Path.Combine(Logs, "trade_log.jsonl");
    public string QuarantineLog => Path.Combine(Logs, "quarantine.jsonl");
    public string VaultConfig => Path.Combine(Memory, "vault.json");
    public string VaultOverlay => Path.Combine(Memory, "vault_overlay.json");
    public string HarvestConfig => Path.Combine(Memory, "harvest.json");
    public string ModelsConfig => Path.Combine(Memory, "models.json");

    /// <summary>Trained models kept between runs (the finance text classifier), named by id and training options.</summary>
    public string Models => Path.Combine(Root, "models");

    /// <summary>The node's SQLite views (the lineage index); rebuilt from the journal when missing.</summary>
    public string Database => Path.Combine(Root, "vanta.db");

    public static HomeLayout At(string root) => new(Path.GetFullPath(root));

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Memory);
        Directory.CreateDirectory(Journal);
    }
}
