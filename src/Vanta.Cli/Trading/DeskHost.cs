using System.Collections.Immutable;
using Vanta.Cli.Embedded;
using Vanta.Core.Envelopes;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Desk;
using Vanta.Journal;

namespace Vanta.Cli.Trading;

/// <summary>
/// The order desk of one home, opened for one command: the journal (fsync on every append: this is money), the
/// desk's book rebuilt from it, and the broker adapters the command needs. Opening repairs a torn journal tail,
/// so a desk killed mid-write starts from what was durably written.
/// </summary>
public sealed class DeskHost : IAsyncDisposable
{
    private readonly JournalWriter _journal;
    private readonly HttpClient _http;
    private readonly IReadOnlyCollection<IBrokerAdapter> _adapters;

    private DeskHost(JournalWriter journal, HttpClient http, IReadOnlyCollection<IBrokerAdapter> adapters, OrderDesk desk, ManualRiskCheck risk, HomeLayout layout)
    {
        _adapters = adapters;
        _journal = journal;
        _http = http;
        Desk = desk;
        Risk = risk;
        Layout = layout;
    }

    /// <summary>The fences manual orders pass; set its explicit price for an order given <c>--price</c>.</summary>
    public ManualRiskCheck Risk { get; }

    public OrderDesk Desk { get; }

    public HomeLayout Layout { get; }

    /// <summary>Opens the desk of <paramref name="layout"/> with adapters for <paramref name="brokers"/>.</summary>
    public static BrokerResult<DeskHost> Open(HomeLayout layout, IEnumerable<string> brokers, Uri? baseUrl, TimeProvider time, Action<string> warn)
    {
        layout.EnsureCreated();
        ManualRiskSettings settings;
        try
        {
            settings = ManualRiskCheck.LoadSettings(layout);
        }
        catch (DeskException ex)
        {
            return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.InvalidRequest, ex.Message);
        }
        JournalWriter journal;
        try
        {
            journal = JournalWriter.Open(layout.Journal, new JournalOptions { Fsync = FsyncPolicy.Always }, warn);
        }
        catch (JournalInUseException ex)
        {
            return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.InvalidRequest, ex.Message);
        }
        // One pass over the journal rebuilds the desk's book and the last price of every symbol.
        var book = new DeskBook();
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var record in JournalReader.ReadAll(layout.Journal))
        {
            book.Apply(record.Envelope);
            ManualRiskCheck.ObservePrice(prices, record.Envelope);
        }
        var check = new ManualRiskCheck(settings, prices, time);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var secrets = BrokerSecrets.FromEnvironment(layout.Root);
        var adapters = ImmutableDictionary.CreateBuilder<string, IBrokerAdapter>(StringComparer.Ordinal);
        foreach (var name in brokers.Distinct(StringComparer.Ordinal))
        {
            var adapter = BrokerCatalog.Create(name, layout, secrets, baseUrl, http, time);
            if (!adapter.IsSuccess)
            {
                foreach (var opened in adapters.Values.OfType<IDisposable>())
                    opened.Dispose();
                journal.Dispose();
                http.Dispose();
                return adapter.Error!;
            }
            adapters[name] = adapter.Value!;
        }
        var all = adapters.ToImmutable();
        var desk = new OrderDesk(journal, all, check, time, new Producer(Environment.MachineName, Role.Executor), book);
        return new DeskHost(journal, http, all.Values.ToList(), desk, check, layout);
    }

    public ValueTask DisposeAsync()
    {
        // Some adapters hold keys (Coinbase's EC key) and must let go of them.
        foreach (var adapter in _adapters.OfType<IDisposable>())
            adapter.Dispose();
        _journal.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
