using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;

namespace Vanta.Core.Tests;

/// <summary>Content ids and the plain decimal text inside them are persisted: their bytes must never change.</summary>
public sealed class ContentIdTests
{
    [Fact]
    public void Content_ids_are_the_first_128_bits_of_sha256_over_unit_separated_utf8_parts()
    {
        Assert.Equal("c19c624f39b98fbdce4feb5b9c024469", ContentHash.Id("a", "bc"));
        Assert.Equal("a45264720fd4469c0c6812b25fef17b3", ContentHash.Id("AAPL", "2024-01-02T00:00:00.0000000Z", "0.5", "é€"));
        Assert.Equal(Expected("a\u001fbc\u001f"), ContentHash.Id("a", "bc"));
        Assert.NotEqual(ContentHash.Id("a", "bc"), ContentHash.Id("ab", "c"));
    }

    [Fact]
    public void Content_ids_match_the_incremental_reference_for_long_and_non_ascii_parts()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var parts = new string[random.Next(0, 6)];
            for (var i = 0; i < parts.Length; i++)
            {
                // Up to 900 chars of up to 3 UTF-8 bytes each: some ids go past the 1 KiB stack buffer.
                var chars = new char[random.Next(0, 900)];
                for (var c = 0; c < chars.Length; c++)
                    chars[c] = (char)(random.Next(3) switch { 0 => random.Next(0x20, 0x7f), 1 => random.Next(0xa0, 0x800), _ => random.Next(0x800, 0xd7ff) });
                parts[i] = new string(chars);
            }
            Assert.Equal(Reference(parts), ContentHash.Id(parts));
        }
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("0.500000")]
    [InlineData("-0.000")]
    [InlineData("0")]
    [InlineData("2.000")]
    [InlineData("-1.25")]
    [InlineData("100")]
    [InlineData("12345678901234567890.123456789")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("1000.10")]
    public void Plain_decimal_text_is_the_custom_format_without_trailing_zeros(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(value.ToString("0.############################", CultureInfo.InvariantCulture), PlainDecimal.Format(value));
    }

    [Fact]
    public void Plain_decimal_text_matches_the_custom_format_on_random_values_of_every_scale()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var value = new decimal(random.Next(), random.Next(), random.Next(0, 4), random.Next(2) == 0, (byte)random.Next(0, 29));
            Assert.Equal(value.ToString("0.############################", CultureInfo.InvariantCulture), PlainDecimal.Format(value));
        }
    }

    private static string Expected(string joined) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..32];

    // The original, part-by-part definition.
    private static string Reference(params string[] parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0x1f]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
