using System.Globalization;

namespace Vanta.Core.Serialization;

/// <summary>
/// A decimal as invariant text without trailing zeros (<c>0.50</c> -> <c>0.5</c>, <c>2.000</c> -> <c>2</c>, zero of any
/// sign -> <c>0</c>): the same text as the custom format <c>0.############################</c>, which ids and venue
/// payloads use, at a fraction of its cost (the custom-format path parses the pattern on every call).
/// </summary>
public static class PlainDecimal
{
    public static string Format(decimal value)
    {
        if (value == 0m)
            return "0";
        Span<char> text = stackalloc char[64];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        if (text[..length].Contains('.'))
        {
            while (text[length - 1] == '0')
                length--;
            if (text[length - 1] == '.')
                length--;
        }
        return new string(text[..length]);
    }
}
