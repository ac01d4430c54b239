using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>
/// Tradier brokerage (equities). Orders go form-encoded to <c>/accounts/{id}/orders</c> with Vanta's
/// <see cref="ClientOrderId"/> in the order <c>tag</c> (see <see cref="TradierTag"/>). Tradier cannot look an
/// order up by tag, so the adapter lists the account's orders to find one, and remembers the venue id of every
/// order it has seen. Reads and trading use Tradier's two rate buckets separately, each spaced evenly and
/// stopped when its <c>X-Ratelimit-Available</c> header reaches 0.
/// </summary>
public sealed partial class TradierBroker : IBrokerAdapter
{
    private readonly TradierOptions _options;
    private readonly IdempotentSubmit _submit;
    private readonly Bucket _reads;
    private readonly Bucket _trading;
    private readonly string _account;
    private readonly ConcurrentDictionary<ClientOrderId, string> _venueIds = new();

    public TradierBroker(TradierOptions options, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AccountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AccessToken);
        if (options.MaxSubmitAttempts < 1 || options.ListPageSize < 1 || options.MaxListPages < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "tradier: MaxSubmitAttempts, ListPageSize and MaxListPages must be positive");
        _options = options;
        _submit = new IdempotentSubmit(new SubmitPolicy(Name, options.MaxSubmitAttempts, options.RetryBaseDelay, options.MaxRetryAfter), time);
        _account = Uri.EscapeDataString(options.AccountId);
        var signer = new TradierBearer(options.AccessToken);
        var shared = new BrokerHttpOptions(Name, options.Root)
        {
            Timeout = options.Timeout,
            RetryBaseDelay = options.RetryBaseDelay,
            MaxRetryAfter = options.MaxRetryAfter,
            Secrets = [options.AccessToken, options.AccountId],
        };
        _reads = new Bucket(new BrokerHttp(shared with { RateLimit = options.ReadRateLimit }, http, time, signer), new TradierRateGate(time));
        _trading = new Bucket(new BrokerHttp(shared with { RateLimit = options.TradingRateLimit }, http, time, signer), new TradierRateGate(time));
    }

    public string Name => "tradier";

    public async Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        LocatedOrder.OrNotFound(await LocateAsync(clientOrderId, cancellationToken).ConfigureAwait(false), NotFound(clientOrderId));

    public async Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        await LocatedOrder.CancelAsync(Name, clientOrderId, await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false), TradierOrders.IsOpen,
            order => CancelWorkingAsync(order, cancellationToken)).ConfigureAwait(false);

    /// <summary>DELETE by the venue's id, then the order as the venue now reports it.</summary>
    private async Task<BrokerResult<BrokerOrder>> CancelWorkingAsync(BrokerOrder order, CancellationToken cancellationToken)
    {
        var path = $"accounts/{_account}/orders/{Uri.EscapeDataString(order.VenueOrderId)}";
        var answer = await CallAsync(_trading, BrokerHttpRequest.Delete(path), BrokerErrorCodes.NotCancelable, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return await GetByIdAsync(order.VenueOrderId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(cancellationToken).ConfigureAwait(false);
        if (!all.IsSuccess)
            return all.Error!;
        return Parse<IReadOnlyList<BrokerOrder>>(() => [.. all.Value!.Select(TradierOrders.Parse).Where(o => TradierOrders.IsOpen(o.Status))]);
    }

    public async Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        var answer = await CallAsync(_reads, BrokerHttpRequest.Get($"accounts/{_account}/positions"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return Parse<IReadOnlyList<BrokerPosition>>(() => [.. TradierJson.Items(answer.Value, "positions", "position").Select(TradierAccount.Position)]);
    }

    public async Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var answer = await CallAsync(_reads, BrokerHttpRequest.Get($"accounts/{_account}/balances"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return Parse(() => TradierAccount.Balances(TradierJson.Object(answer.Value, "balances")));
    }

    private async Task<BrokerResult<BrokerOrder>> GetByIdAsync(string venueId, CancellationToken cancellationToken)
    {
        var path = $"accounts/{_account}/orders/{Uri.EscapeDataString(venueId)}?includeTags=true";
        var answer = await CallAsync(_reads, BrokerHttpRequest.Get(path), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return Parse(() => TradierOrders.Parse(TradierJson.Object(answer.Value, "order")));
    }

    /// <summary>One request through a bucket: its header gate, the shared transport, then Tradier's error reading.</summary>
    private static async Task<BrokerResult<JsonElement>> CallAsync(Bucket bucket, BrokerHttpRequest request, string rejectionCode, CancellationToken cancellationToken)
    {
        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var sent = await bucket.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
            return sent.Error!;
        bucket.Gate.Observe(sent.Value!);
        return TradierErrors.Read(bucket.Http, sent.Value!, rejectionCode);
    }

    /// <summary>Runs a parser over a venue answer; a shape we cannot read is a malformed response, not a crash.</summary>
    private BrokerResult<T> Parse<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse, _reads.Http.Mask(ex.Message), 200);
        }
    }

    private static BrokerError NotFound(ClientOrderId clientOrderId) =>
        new(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, $"tradier has no order tagged with client order id {clientOrderId}");

    private sealed record Bucket(BrokerHttp Http, TradierRateGate Gate);
}
