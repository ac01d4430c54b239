namespace Vanta.Journal.Audit;

/// <summary>Outcome of checking an audit bundle.</summary>
/// <param name="Manifest">The manifest as read; null when it could not be read.</param>
/// <param name="File">The bundle file where the first problem is; null when Ok or when it is the archive itself.</param>
/// <param name="Seq">The seq the first problem concerns, when it concerns one record.</param>
/// <param name="Problem">What is wrong; null when Ok.</param>
public sealed record BundleVerifyResult(bool Ok, BundleManifest? Manifest, string? File, long? Seq, string? Problem)
{
    internal static BundleVerifyResult Good(BundleManifest manifest) => new(true, manifest, null, null, null);

    internal static BundleVerifyResult Bad(BundleManifest? manifest, string? file, long? seq, string problem) => new(false, manifest, file, seq, problem);
}
