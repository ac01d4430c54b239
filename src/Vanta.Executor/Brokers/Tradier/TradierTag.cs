using System.Text;
using Vanta.Core.Ids;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>
/// Carries Vanta's <see cref="ClientOrderId"/> in Tradier's order <c>tag</c> (at most 255 letters, digits and
/// <c>-</c>). An id that is already a valid tag is sent as is (Vanta's own <c>vanta-&lt;hex&gt;</c> ids are);
/// any other id is sent as <c>h--</c> + the hex of its UTF-8 bytes, and a valid id that itself starts with
/// <c>h--</c> is hex-encoded too, so the mapping is reversible and never ambiguous.
/// </summary>
internal static class TradierTag
{
    public const int MaxLength = 255;
    private const string HexPrefix = "h--";

    /// <summary>The tag for <paramref name="id"/>, or null when even its hex form exceeds 255 characters.</summary>
    public static string? For(ClientOrderId id)
    {
        var value = id.Value;
        if (IsValid(value) && !value.StartsWith(HexPrefix, StringComparison.Ordinal))
            return value;
        var hex = HexPrefix + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));
        return hex.Length <= MaxLength ? hex : null;
    }

    /// <summary>The client order id a tag carries, or null for an order placed without one (or with a foreign tag we cannot read).</summary>
    public static ClientOrderId? Decode(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
            return null;
        if (!tag.StartsWith(HexPrefix, StringComparison.Ordinal))
            return new ClientOrderId(tag);
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromHexString(tag.AsSpan(HexPrefix.Length)));
            return string.IsNullOrWhiteSpace(text) ? null : new ClientOrderId(text);
        }
        catch (FormatException)
        {
            // Someone else's tag that merely looks like ours: keep it verbatim rather than lose the order.
            return new ClientOrderId(tag);
        }
    }

    public static bool IsValid(string tag) =>
        tag.Length is > 0 and <= MaxLength && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
