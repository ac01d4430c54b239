using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Executor.Attribution;
using Vanta.Executor.Portfolio;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Attribution;

/// <summary>
/// Builds a journal as the embedded run writes it (conviction, intent, order, fill, price_bar envelopes), and keeps a
/// <see cref="VaultLedger"/> per vault fed the same fills and bars to reconcile against.
/// </summary>
internal sealed class AttributionJournal
{
    private static readonly Producer Markets = new("test", Role.Markets);
    private static readonly Producer Executor = new("test", Role.Executor);

    private readonly List<Envelope> _envelopes = [];
    private readonly Dictionary<string, PriceBar> _lastBars = new(StringComparer.Ordinal);
    private int _sequence;

    public IReadOnlyList<Envelope> Envelopes => _envelopes;

    public SortedDictionary<string, VaultLedger> Ledgers { get; } = new(StringComparer.Ordinal);

    public decimal Capital { get; init; } = 1_000_000m;

    public int Fills { get; private set; }

    /// <summary>Journals a conviction (reasons as given, all models weighted 1) and an intent following it.</summary>
    public AllocationIntent Decide(string vault, string symbol, decimal score, int day, params (string Model, decimal Reason)[] reasons)
    {
        var at = CloseOf(day);
        var id = Next();
        var conviction = new ConvictionVector(
            new SignalId("sig-" + id), symbol, reasons.Sum(r => r.Reason),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, reasons.Select(r => KeyValuePair.Create(r.Model, r.Reason))),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, reasons.Select(r => KeyValuePair.Create(r.Model, 1m))),
            at, TimeSpan.FromDays(2), at.AddDays(2), ["equity"], []);
        Add(Envelope.Create(EventKinds.Conviction, conviction, at, at, Markets));
        return IntentFor(vault, symbol, score, day, conviction.SignalId);
    }

    /// <summary>Journals an intent; <paramref name="signal"/> may name a conviction the journal does not have.</summary>
    public AllocationIntent IntentFor(string vault, string symbol, decimal score, int day, SignalId signal)
    {
        var at = CloseOf(day);
        var intent = new AllocationIntent(new IntentId("int-" + Next()), new VaultId(vault), symbol, 0.1m, signal, score, "cfg", at, at.AddDays(2), "test");
        Add(Envelope.Create(EventKinds.AllocationIntent, intent, at, at, new Producer("test", Role.Alpha)));
        return intent;
    }

    /// <summary>Journals an order for the intent and its fill at the start of <paramref name="day"/>.</summary>
    public void Fill(AllocationIntent intent, OrderSide side, decimal quantity, decimal price, decimal fee, int day) =>
        FillOrder(intent, new OrderId("ord-" + Next()), side, quantity, price, fee, day, journalOrder: true);

    /// <summary>Journals a fill whose order the journal does not hold.</summary>
    public void OrphanFill(string vault, string symbol, OrderSide side, decimal quantity, decimal price, decimal fee, int day)
    {
        var intent = new AllocationIntent(new IntentId("none"), new VaultId(vault), symbol, 0m, new SignalId("none"), 0m, "cfg", Day(day), Day(day), "none");
        FillOrder(intent, new OrderId("ord-" + Next()), side, quantity, price, fee, day, journalOrder: false);
    }

    public void Bar(string symbol, int day, decimal close)
    {
        var bar = Builders.Bar(symbol, day, close, close);
        Add(Envelope.Create(EventKinds.PriceBar, bar, bar.TsEvent, bar.TsEvent, Markets));
        _lastBars[symbol] = bar;
        foreach (var ledger in Ledgers.Values)
            ledger.Mark(bar);
    }

    public PnlAttribution Attribute(ModelFamilies? families = null) => PnlAttributor.Attribute(_envelopes, families ?? ModelFamilies.None);

    private void FillOrder(AllocationIntent intent, OrderId orderId, OrderSide side, decimal quantity, decimal price, decimal fee, int day, bool journalOrder)
    {
        var order = new Order(orderId, new ClientOrderId("c-" + orderId.Value), intent.IntentId, intent.VaultId, intent.Symbol,
            side, OrderType.Market, quantity, null, TimeInForce.Day, intent.IssuedAt);
        if (journalOrder)
            Add(Envelope.Create(EventKinds.Order, order, order.CreatedAt, order.CreatedAt, Executor));
        var fill = new Fill(new FillId("fill-" + Next()), orderId, order.ClientOrderId, intent.VaultId, intent.Symbol, side, quantity, price, fee, Day(day));
        Add(Envelope.Create(EventKinds.Fill, fill, fill.Ts, fill.Ts, Executor));
        if (!Ledgers.TryGetValue(intent.VaultId.Value, out var ledger))
        {
            // The executor's ledgers exist from the start and see every bar.
            Ledgers[intent.VaultId.Value] = ledger = new VaultLedger(intent.VaultId, Capital);
            foreach (var seen in _lastBars.Values)
                ledger.Mark(seen);
        }
        ledger.Apply(fill);
        Fills++;
    }

    private void Add(Envelope envelope) => _envelopes.Add(envelope);

    private string Next() => (++_sequence).ToString(CultureInfo.InvariantCulture);
}
