using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Collectors.CoinGecko;

/// <summary>
/// Reads a CoinGecko <c>GET /simple/price</c> answer (<c>{"bitcoin":{"usd":67000,"usd_market_cap":...,
/// "usd_24h_vol":...,"usd_24h_change":...,"last_updated_at":1711111111}}</c>) into one <see cref="PriceQuote"/>
/// per coin and currency. Coin ids map to symbols with <see cref="CoinGeckoSymbols"/>; the currency is upper
/// case. The time is <c>last_updated_at</c>, else the document's fetch time. A top-level
/// <c>status.error_code</c> (sent even with HTTP 200) quarantines the answer; a bad coin or price is
/// quarantined as <c>bitcoin.usd</c> and the rest kept.
/// </summary>
public sealed class CoinGeckoSimplePriceParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "coingecko-price";

    private static readonly string[] Suffixes = ["_market_cap", "_24h_vol", "_24h_change"];

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var quotes = ImmutableArray.CreateBuilder<IObservation>();
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string location, string reason) =>
            quarantined.Add(new QuarantineEntry(SourceKind, location, reason, document.Sha256, document.FetchedAt));
        try
        {
            using var json = JsonDocument.Parse(DocumentBytes.WithoutBom(document.Content));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                Quarantine(document.Uri, "not a CoinGecko simple price answer: expected an object keyed by coin id");
                return new ParseResult([], quarantined.ToImmutable());
            }
            if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object && status.TryGetProperty("error_code", out var code))
            {
                var message = status.TryGetProperty("error_message", out var m) ? m.ToString() : "(no message)";
                Quarantine(document.Uri, $"CoinGecko error {code.GetRawText()}: {message}");
                return new ParseResult([], quarantined.ToImmutable());
            }
            foreach (var coin in root.EnumerateObject())
            {
                try
                {
                    ReadCoin(coin, document, quotes, Quarantine);
                }
                catch (InvalidOperationException)
                {
                    Quarantine($"{document.Uri}#{coin.Name}", "a string is not valid UTF-8");
                }
            }
        }
        catch (JsonException e)
        {
            Quarantine(document.Uri, $"not valid JSON: {e.Message}");
        }
        return new ParseResult(quotes.ToImmutable(), quarantined.ToImmutable());
    }

    private static void ReadCoin(JsonProperty coin, RawDocument document, ImmutableArray<IObservation>.Builder quotes, Action<string, string> quarantine)
    {
        var location = $"{document.Uri}#{coin.Name}";
        if (coin.Value.ValueKind != JsonValueKind.Object)
        {
            quarantine(location, "coin entry is not an object keyed by currency");
            return;
        }
        var ts = document.FetchedAt.ToUniversalTime();
        if (coin.Value.TryGetProperty("last_updated_at", out var updated))
        {
            if (!PriceFields.TryInt64(updated, out var seconds) || PriceFields.UnixTime(seconds, milliseconds: false) is not { } time)
            {
                quarantine($"{location}.last_updated_at", $"last_updated_at {updated.GetRawText()} is not a Unix time");
                return;
            }
            ts = time;
        }
        var symbol = CoinGeckoSymbols.Symbol(coin.Name);
        foreach (var field in coin.Value.EnumerateObject())
        {
            var currency = field.Name;
            if (currency == "last_updated_at" || Suffixes.Any(s => currency.EndsWith(s, StringComparison.Ordinal)))
                continue;
            if (!PriceFields.TryDecimal(field.Value, out var price) || price <= 0m)
            {
                quarantine($"{location}.{currency}", $"price {field.Value.GetRawText()} is not a positive number");
                continue;
            }
            decimal? Optional(string suffix) =>
                coin.Value.TryGetProperty(currency + suffix, out var e) && PriceFields.TryDecimal(e, out var v) ? v : null;
            quotes.Add(new PriceQuote(
                symbol, currency.ToUpperInvariant(), price, Optional("_market_cap"), Optional("_24h_vol"), Optional("_24h_change"), ts, SourceKind));
        }
    }
}
