using System.Collections.Concurrent;
using System.Text.Json;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using Vanta.Http.RateLimiting;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>
/// Interactive Brokers through the Client Portal Gateway (Web API v1). Vanta's <see cref="ClientOrderId"/> goes out
/// as the ticket's <c>cOID</c> and comes back as a live order's <c>order_ref</c>; the adapter remembers IBKR's order
/// id for every order it placed or found. Submissions may answer with questions that must be confirmed
/// (<see cref="IbkrOptions.AutoConfirmMessageIds"/> says which may be). Requests are spaced to the gateway's
/// 10/s; <c>GET /iserver/account/orders</c> additionally to its own 1 per 5 s.
/// </summary>
public sealed partial class IbkrBroker : IBrokerAdapter
{
    private readonly IbkrOptions _options;
    private readonly IdempotentSubmit _submit;
    private readonly BrokerHttp _http;
    private readonly ClockSpacedRateLimiter _liveOrdersLimit;
    private readonly IbkrContracts _contracts;
    private readonly string _account;
    private readonly ConcurrentDictionary<ClientOrderId, string> _venueIds = new();
    private volatile bool _brokerageReady;
    private volatile bool _portfolioReady;
    private volatile bool _liveOrdersWarm;

    public IbkrBroker(IbkrOptions options, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AccountId);
        if (options.MaxSubmitAttempts < 1 || options.MaxReplies < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "ibkr: MaxSubmitAttempts must be positive and MaxReplies not negative");
        _options = options;
        _submit = new IdempotentSubmit(new SubmitPolicy(Name, options.MaxSubmitAttempts, options.RetryBaseDelay, options.MaxRetryAfter), time);
        _account = Uri.EscapeDataString(options.AccountId);
        _contracts = new IbkrContracts(options);
        _liveOrdersLimit = new ClockSpacedRateLimiter(options.LiveOrdersRateLimit, time);
        _http = new BrokerHttp(
            new BrokerHttpOptions(Name, options.Root)
            {
                RateLimit = options.RateLimit,
                Timeout = options.Timeout,
                RetryBaseDelay = options.RetryBaseDelay,
                MaxRetryAfter = options.MaxRetryAfter,
                Secrets = [options.AccountId],
            },
            http,
            time);
    }

    public string Name => "ibkr";

    public async Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        LocatedOrder.OrNotFound(await LocateAsync(clientOrderId, cancellationToken).ConfigureAwait(false), NotFound(clientOrderId));

    public async Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        await LocatedOrder.CancelAsync(Name, clientOrderId, await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false), IbkrOrders.IsOpen,
            order => CancelWorkingAsync(order, cancellationToken)).ConfigureAwait(false);

    /// <summary>DELETE by the venue's id, then the order as the venue now reports it.</summary>
    private async Task<BrokerResult<BrokerOrder>> CancelWorkingAsync(BrokerOrder order, CancellationToken cancellationToken)
    {
        var path = $"iserver/account/{_account}/order/{Uri.EscapeDataString(order.VenueOrderId)}";
        var answer = await CallAsync(BrokerHttpRequest.Delete(path), BrokerErrorCodes.NotCancelable, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return await StatusAsync(order.VenueOrderId, order.ClientOrderId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        var live = await LiveOrdersAsync(cancellationToken).ConfigureAwait(false);
        if (!live.IsSuccess)
            return live.Error!;
        return Parse<IReadOnlyList<BrokerOrder>>(() => [.. live.Value!.Select(IbkrOrders.FromLive).Where(o => IbkrOrders.IsOpen(o.Status))]);
    }

    public async Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        if (await EnsurePortfolioAsync(cancellationToken).ConfigureAwait(false) is { } notReady)
            return notReady;
        var positions = new List<BrokerPosition>();
        for (var page = 0; page < 50; page++)
        {
            var answer = await CallAsync(BrokerHttpRequest.Get($"portfolio/{_account}/positions/{page}"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            var rows = Parse<IReadOnlyList<BrokerPosition>>(() => answer.Value.ValueKind == JsonValueKind.Array
                ? [.. answer.Value.EnumerateArray().Select(IbkrAccount.Position)]
                : throw new FormatException($"ibkr: positions page {page} is a {answer.Value.ValueKind}, expected an array"));
            if (!rows.IsSuccess)
                return rows.Error!;
            positions.AddRange(rows.Value!);
            if (rows.Value!.Count < IbkrAccount.PageSize)
                return positions;
        }
        return new BrokerError(BrokerErrorClass.NonRetryable, "list_truncated", "ibkr: more than 50 pages of positions");
    }

    public async Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        if (await EnsurePortfolioAsync(cancellationToken).ConfigureAwait(false) is { } notReady)
            return notReady;
        var answer = await CallAsync(BrokerHttpRequest.Get($"portfolio/{_account}/summary"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return Parse(() => IbkrAccount.Summary(answer.Value, _options.AccountId));
    }

    private async Task<BrokerResult<JsonElement>> CallAsync(BrokerHttpRequest request, string rejectionCode, CancellationToken cancellationToken)
    {
        var sent = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return sent.IsSuccess ? IbkrErrors.Read(_http, sent.Value!, rejectionCode) : sent.Error!;
    }

    /// <summary>Runs a parser over a gateway answer; a shape we cannot read is a malformed response, not a crash.</summary>
    private BrokerResult<T> Parse<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse, _http.Mask(ex.Message), 200);
        }
    }

    private static BrokerError NotFound(ClientOrderId clientOrderId) =>
        new(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, $"ibkr has no order with cOID {clientOrderId}");
}
