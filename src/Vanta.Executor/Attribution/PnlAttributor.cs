using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Executor.Portfolio;

namespace Vanta.Executor.Attribution;

/// <summary>
/// Walks a journal in order and attributes each vault's PnL to the decisions behind it. Positions are kept per vault
/// and symbol at average cost exactly as <see cref="VaultLedger"/> keeps them, marked at every <c>price_bar</c> close
/// (before any close, at the vault's first fill price), so fees add up to the ledger's and the total to its
/// <c>equity - capital</c>. A fill links to its order, the order to its intent, the intent to its conviction.
/// </summary>
/// <remarks>
/// <para>Every PnL change of a position is credited to its holder at that moment, the intent that last changed it
/// (<see cref="PositionHolder"/>): a mark to the holder; a fill's realised PnL, and the reversal of the unrealised PnL
/// of the quantity it closes, to the holder before the fill (they close what it held); the fill's fee, and the
/// unrealised PnL of any quantity it opens (fill price against the mark), to the fill's own intent, which becomes
/// the holder. Days are the UTC dates of the events' <c>ts_event</c>. A holder's PnL goes to its vault, to the band
/// of its intent's conviction score (<see cref="ConvictionBands"/>), to its conviction's models by their shares
/// (<see cref="AttributionSplit"/>) and through them to their source families.</para>
/// <para>Amounts are exact decimals except realised PnL, which average cost makes a repeating fraction: it is kept to
/// <see cref="AttributionSplit.Scale"/> places and the unrealised PnL of the same fill is what remains of the fill's
/// exact cash effect. So the total is exact, fees are exact, and realised and unrealised match the ledger's to
/// within half a unit of the 12th place per fill.</para>
/// </remarks>
public sealed class PnlAttributor(ModelFamilies families)
{
    private readonly ModelFamilies _families = families ?? throw new ArgumentNullException(nameof(families));
    // Only what attribution needs of each conviction: a long journal holds hundreds of thousands.
    private readonly Dictionary<SignalId, ModelShares> _convictions = [];
    private readonly Dictionary<IntentId, AllocationIntent> _intents = [];
    private readonly Dictionary<OrderId, IntentId> _orders = [];
    private readonly Dictionary<string, decimal> _closes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, VaultBook> _vaults = new(StringComparer.Ordinal);
    private readonly Dictionary<BucketKey, Bucket> _buckets = [];

    /// <summary>Attributes the PnL of a whole journal, read in order.</summary>
    public static PnlAttribution Attribute(IEnumerable<Envelope> journal, ModelFamilies families)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var attributor = new PnlAttributor(families);
        foreach (var envelope in journal)
            attributor.Observe(envelope);
        return attributor.Result();
    }

    /// <summary>Takes the next journal envelope; kinds that carry no PnL or lineage are ignored.</summary>
    /// <exception cref="InvalidDataException">A payload does not read, or a fill is not a fill (names the event).</exception>
    public void Observe(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Is(EventKinds.PriceBar))
            Mark(envelope, Read(envelope, EventKinds.PriceBar));
        else if (envelope.Is(EventKinds.Fill))
            Apply(envelope, Read(envelope, EventKinds.Fill));
        else if (envelope.Is(EventKinds.Order))
        {
            var order = Read(envelope, EventKinds.Order);
            _orders[order.OrderId] = order.IntentId;
        }
        else if (envelope.Is(EventKinds.AllocationIntent))
        {
            var intent = Read(envelope, EventKinds.AllocationIntent);
            _intents[intent.IntentId] = intent;
        }
        else if (envelope.Is(EventKinds.Conviction))
        {
            var conviction = Read(envelope, EventKinds.Conviction);
            _convictions[conviction.SignalId] = PositionHolder.SharesOf(conviction);
        }
    }

    private void Mark(Envelope envelope, PriceBar bar)
    {
        var day = DayOf(envelope);
        foreach (var (vault, book) in _vaults)
        {
            if (book.Positions.TryGetValue(bar.Symbol, out var open))
                Credit(day, vault, open.Holder, 0m, open.Position.Quantity * (bar.Close - LastPrice(book, bar.Symbol)), 0m);
        }
        _closes[bar.Symbol] = bar.Close;
    }

    private void Apply(Envelope envelope, Fill fill)
    {
        if (fill.Quantity <= 0m || fill.Price <= 0m || fill.Fee < 0m)
            throw new InvalidDataException($"fill {fill.FillId} (event {envelope.EventId}) has quantity {fill.Quantity}, price {fill.Price}, fee {fill.Fee}");
        var vault = fill.VaultId.Value;
        if (!_vaults.TryGetValue(vault, out var book))
            _vaults[vault] = book = new VaultBook();
        book.FirstFillPrices.TryAdd(fill.Symbol, fill.Price);
        var mark = LastPrice(book, fill.Symbol);
        var holder = HolderOf(fill.OrderId);

        var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        var open = book.Positions.GetValueOrDefault(fill.Symbol);
        var position = open?.Position ?? new LedgerPosition();
        var closed = position.Quantity != 0m && Math.Sign(position.Quantity) != Math.Sign(signed)
            ? Math.Min(fill.Quantity, Math.Abs(position.Quantity))
            : 0m;
        var realized = Math.Round(position.Trade(signed, fill.Price), AttributionSplit.Scale, MidpointRounding.ToEven);
        // The fill's exact cash effect against the mark, split into the quantity it closes and the quantity it opens.
        var sign = Math.Sign(signed);
        var closing = sign * closed * (mark - fill.Price);
        var opening = sign * (fill.Quantity - closed) * (mark - fill.Price);

        var day = DayOf(envelope);
        if (open is not null && closed > 0m)
            Credit(day, vault, open.Holder, realized, closing - realized, 0m);
        Credit(day, vault, holder, 0m, opening, fill.Fee);
        if (position.Quantity == 0m)
            book.Positions.Remove(fill.Symbol);
        else
            book.Positions[fill.Symbol] = new OpenPosition(position, holder);
    }

    /// <summary>The groups of every dimension, in total and by day.</summary>
    public PnlAttribution Result()
    {
        var total = new AttributionTotals();
        var days = new SortedDictionary<DateOnly, AttributionTotals>();
        foreach (var (key, bucket) in _buckets.OrderBy(b => b.Key.Day).ThenBy(b => b.Key.Vault, StringComparer.Ordinal)
            .ThenBy(b => b.Key.Holder, StringComparer.Ordinal))
        {
            if (!days.TryGetValue(key.Day, out var day))
                days[key.Day] = day = new AttributionTotals();
            var holder = bucket.Holder;
            var figures = new PnlFigures(bucket.Realized, bucket.Unrealized, bucket.Fees);
            var realized = AttributionSplit.Split(figures.Realized, holder.Shares);
            var unrealized = AttributionSplit.Split(figures.Unrealized, holder.Shares);
            var fees = AttributionSplit.Split(figures.Fees, holder.Shares);
            foreach (var totals in new[] { total, day })
            {
                totals.Add(figures, key.Vault, holder.Band);
                for (var i = 0; i < holder.Models.Length; i++)
                    totals.AddModel(new PnlFigures(realized[i], unrealized[i], fees[i]), holder.Models[i], _families.FamilyOf(holder.Models[i]));
            }
        }
        return new PnlAttribution(total.Figures, total.Vault.Freeze(), total.Band.Freeze(), total.Model.Freeze(), total.Source.Freeze(),
            [.. days.Select(d => new DailyPnl(d.Key, d.Value.Figures, d.Value.Vault.Freeze(), d.Value.Band.Freeze(), d.Value.Model.Freeze(), d.Value.Source.Freeze()))]);
    }

    private PositionHolder HolderOf(OrderId orderId)
    {
        if (!_orders.TryGetValue(orderId, out var intentId) || !_intents.TryGetValue(intentId, out var intent))
            return PositionHolder.Unlinked;
        return PositionHolder.For(intent, _convictions.GetValueOrDefault(intent.SignalId));
    }

    private decimal LastPrice(VaultBook book, string symbol) =>
        _closes.TryGetValue(symbol, out var close) ? close : book.FirstFillPrices[symbol];

    private void Credit(DateOnly day, string vault, PositionHolder holder, decimal realized, decimal unrealized, decimal fees)
    {
        if (realized == 0m && unrealized == 0m && fees == 0m)
            return;
        var key = new BucketKey(day, vault, holder.Key);
        if (!_buckets.TryGetValue(key, out var bucket))
            _buckets[key] = bucket = new Bucket(holder);
        bucket.Realized += realized;
        bucket.Unrealized += unrealized;
        bucket.Fees += fees;
    }

    private static DateOnly DayOf(Envelope envelope) => DateOnly.FromDateTime(envelope.TsEvent.UtcDateTime);

    private static T Read<T>(Envelope envelope, EventKind<T> kind)
    {
        try
        {
            return envelope.Read(kind);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{kind.Name} event {envelope.EventId}: payload does not read: {e.Message}", e);
        }
    }

    private sealed record OpenPosition(LedgerPosition Position, PositionHolder Holder);

    private sealed class VaultBook
    {
        public Dictionary<string, OpenPosition> Positions { get; } = new(StringComparer.Ordinal);

        // A vault's ledger prices a symbol at its first fill until a close arrives.
        public Dictionary<string, decimal> FirstFillPrices { get; } = new(StringComparer.Ordinal);
    }

    private readonly record struct BucketKey(DateOnly Day, string Vault, string Holder);

    /// <summary>What one holder earned in one vault on one day, before it is split among models.</summary>
    private sealed class Bucket(PositionHolder holder)
    {
        public PositionHolder Holder { get; } = holder;
        public decimal Realized { get; set; }
        public decimal Unrealized { get; set; }
        public decimal Fees { get; set; }
    }
}
