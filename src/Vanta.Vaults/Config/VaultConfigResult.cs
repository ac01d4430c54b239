using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Vanta.Core.Domain;

namespace Vanta.Vaults.Config;

/// <summary>What was wrong with a vault config, by kind. Persisted values are frozen.</summary>
public enum VaultConfigErrorCode
{
    MissingFile = 1,
    InvalidJson = 2,
    MissingField = 3,
    OutOfRange = 4,
    DuplicateVaultId = 5,
    UnknownAllocationMode = 6,
    UnsupportedSchemaVersion = 7,
    InvalidValue = 8,
    UnknownField = 9,
    UnknownPersona = 10,
    OverlappingBands = 11,
    GappedBands = 12,
    RequiresSchemaVersion2 = 13,
}

/// <summary>One problem in a vault config.</summary>
/// <param name="Field">Path of the field, e.g. <c>vaults[0].allocation.gross_cap</c>; empty for whole-file problems.</param>
/// <param name="Message">A full sentence naming the file and the field, for the operator.</param>
public sealed record VaultConfigError(VaultConfigErrorCode Code, string Field, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// The outcome of loading <c>vault.json</c>: the config and its versioned document, or every problem found.
/// </summary>
public sealed record VaultConfigResult
{
    private VaultConfigResult(VaultConfig? config, ConfigDocument? document, ImmutableArray<VaultConfigError> errors)
    {
        Config = config;
        Document = document;
        Errors = errors;
    }

    public VaultConfig? Config { get; }

    /// <summary>The canonical content and its SHA-256 version; intents carry this version.</summary>
    public ConfigDocument? Document { get; }

    public ImmutableArray<VaultConfigError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Config), nameof(Document))]
    public bool IsSuccess => Errors.IsEmpty;

    public static VaultConfigResult Success(VaultConfig config, ConfigDocument document) => new(config, document, []);

    public static VaultConfigResult Failure(ImmutableArray<VaultConfigError> errors)
    {
        if (errors.IsDefaultOrEmpty)
            throw new ArgumentException("A failure needs at least one error", nameof(errors));
        return new VaultConfigResult(null, null, errors);
    }

    public static VaultConfigResult Failure(VaultConfigError error) => Failure([error]);
}
