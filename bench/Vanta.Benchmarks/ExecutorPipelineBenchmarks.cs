using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Orders;
using Vanta.Executor.Risk;
using Vanta.Executor.Routing;
using Vanta.Journal;

namespace Vanta.Benchmarks;

/// <summary>
/// The executor's per-order path: risk gate, router, paper venue (submit, then fill on the next bar), the fill and
/// the final order event booked back into the gate, and a journal append of that order event. Reported per order
/// via OperationsPerInvoke. Target: at least 100,000 orders/s, i.e. at most 10 us per order.
/// </summary>
[MemoryDiagnoser]
public class ExecutorPipelineBenchmarks
{
    private const int Orders = 100_000;

    private ExecutorPipelineData data = null!;
    private RiskGate gate = null!;
    private PaperBroker paper = null!;
    private DirectoryInfo? root;
    private string directory = "";

    [Params(FsyncPolicy.Batch, FsyncPolicy.Never)]
    public FsyncPolicy Fsync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        data = new ExecutorPipelineData(Orders);
        root = Directory.CreateTempSubdirectory("vanta-bench-executor-");
    }

    [IterationSetup]
    public void Fresh()
    {
        // The paper venue accepts a client order id once, so every iteration starts a new venue, gate and journal.
        gate = data.NewGate();
        paper = new PaperBroker();
        directory = Path.Combine(root!.FullName, "journal");
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Orders, Description = "risk + route + paper fill + journal append")]
    public long Pipeline()
    {
        using var journal = JournalWriter.Open(directory, new JournalOptions { Fsync = Fsync });
        var router = data.Router;
        long seq = 0;
        for (var i = 0; i < data.Orders.Length; i++)
        {
            var order = data.Orders[i];
            var decision = gate.Evaluate(order, Role.Alpha);
            if (!decision.IsApproved)
                throw new InvalidOperationException($"order {i} was denied: {decision}");
            var route = router.Route(order.Symbol, data.Tags);
            if (route.Account.Length == 0)
                throw new InvalidOperationException("no route");
            paper.SubmitAsync(order).GetAwaiter().GetResult();
            var reports = paper.OnBar(data.BarOf(order.Symbol));
            var report = reports[0];
            gate.ApplyFill(report.Fill!);
            gate.ApplyOrderEvent(report.Event);
            var envelope = Envelope.Create(EventKinds.OrderEvent, report.Event, report.Event.Ts, report.Event.Ts, ExecutorPipelineData.Producer);
            seq = journal.Append(envelope).Seq;
        }
        return seq;
    }

    [Benchmark(OperationsPerInvoke = Orders, Description = "risk gate decision + route (fills booked)")]
    public int DecisionOnly()
    {
        var router = data.Router;
        var approved = 0;
        for (var i = 0; i < data.Orders.Length; i++)
        {
            var order = data.Orders[i];
            if (gate.Evaluate(order, Role.Alpha).IsApproved)
                approved++;
            approved += router.Route(order.Symbol, data.Tags).RuleIndex;
            gate.ApplyFill(data.Fills[i]);
        }
        return approved;
    }

    [GlobalCleanup]
    public void Cleanup() => root?.Delete(recursive: true);
}

/// <summary>
/// Decision latency: a Stopwatch around each of 1,000,000 risk decisions plus routes, with fills booked between
/// them (untimed), reporting percentiles. Target: p99 at most 50 us. Runs once as a monitoring job; the figures
/// are printed to the benchmark log as <c>// decision latency ...</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class ExecutorPipelineLatency
{
    [Benchmark(Description = "1,000,000 timed decisions")]
    public double P99Microseconds()
    {
        var result = ExecutorLatencyHarness.Run(1_000_000);
        Console.WriteLine("// decision latency " + result);
        return result.P99Us;
    }
}

/// <summary>Percentiles of risk decision + routing latency; callable from a console entry point too.</summary>
public static class ExecutorLatencyHarness
{
    public static LatencyResult Run(int decisions)
    {
        const int Pool = 4_096;
        var data = new ExecutorPipelineData(Pool);
        var gate = data.NewGate();
        var router = data.Router;
        var ticks = new long[decisions];
        var denied = 0;
        for (var i = 0; i < decisions; i++)
        {
            var k = i % Pool;
            var order = data.Orders[k];
            var start = Stopwatch.GetTimestamp();
            var decision = gate.Evaluate(order, Role.Alpha);
            var route = router.Route(order.Symbol, data.Tags);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (!decision.IsApproved || route.Account.Length == 0)
            {
                denied++;
                continue;
            }
            // Filled in full: the reservation ends, so the same order can be decided again on the next lap.
            gate.ApplyFill(data.Fills[k]);
        }
        Array.Sort(ticks);
        double Us(double q) => ticks[Math.Min(ticks.Length - 1, (int)(q * ticks.Length))] * 1e6 / Stopwatch.Frequency;
        return new LatencyResult(decisions, denied, Us(0.50), Us(0.99), Us(0.999), Us(1.0));
    }
}

public readonly record struct LatencyResult(int Decisions, int Denied, double P50Us, double P99Us, double P999Us, double MaxUs)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"over {Decisions:N0} decisions ({Denied} denied): p50 {P50Us:F2} us, p99 {P99Us:F2} us, p99.9 {P999Us:F2} us, max {MaxUs:F1} us");
}

/// <summary>
/// Orders for four symbols (two equities, two crypto pairs) that alternate buy 10 / sell 10 per symbol, so the
/// positions stay small and every order passes the default fences; bars one minute after the orders, for the fills.
/// </summary>
internal sealed class ExecutorPipelineData
{
    public static readonly Producer Producer = new("node-x", Role.Executor);
    private static readonly DateTimeOffset T0 = new(2024, 3, 4, 14, 30, 0, TimeSpan.Zero);
    private static readonly string[] Symbols = ["AAPL", "MSFT", "BTC-USD", "ETH-USD"];
    private static readonly decimal[] Prices = [180m, 410m, 60_000m, 3_000m];
    private static readonly VaultId Vault = new("core");

    private readonly Dictionary<string, PriceBar> _bars = new(StringComparer.Ordinal);

    public ExecutorPipelineData(int count)
    {
        Orders = new Order[count];
        Fills = new Fill[count];
        for (var i = 0; i < count; i++)
        {
            var s = i % Symbols.Length;
            var side = (i / Symbols.Length) % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
            var quantity = s >= 2 ? 0.1m : 10m;
            var intent = new IntentId("bench-intent-" + i.ToString(CultureInfo.InvariantCulture));
            var order = new Order(OrderIds.OrderIdFor(intent), OrderIds.ClientOrderIdFor(intent), intent, Vault, Symbols[s], side,
                OrderType.Market, quantity, null, TimeInForce.Day, T0);
            Orders[i] = order;
            Fills[i] = new Fill(new FillId("fill-" + i.ToString(CultureInfo.InvariantCulture)), order.OrderId, order.ClientOrderId, Vault,
                order.Symbol, side, quantity, Prices[s], 0m, T0);
        }
        for (var s = 0; s < Symbols.Length; s++)
            _bars[Symbols[s]] = new PriceBar(Symbols[s], T0.AddMinutes(1), T0.AddMinutes(2), Prices[s], Prices[s], Prices[s], Prices[s], 1_000m, "bench");
        Router = new Router(new RoutingConfig(
        [
            new RouteRule("insider-cluster", AssetClass.Equity, "alpaca-main"),
            new RouteRule(null, AssetClass.Crypto, "coinbase-main"),
        ], "paper"), ["alpaca-main", "coinbase-main", "paper"]);
    }

    public Order[] Orders { get; }
    public Fill[] Fills { get; }
    public Router Router { get; }
    public ImmutableArray<string> Tags { get; } = ["retail-cascade"];

    public PriceBar BarOf(string symbol) => _bars[symbol];

    public RiskGate NewGate()
    {
        var gate = new RiskGate(new FixedClock(T0));
        // Default fences, but no order-rate cap: the benchmark sends far more than 60 orders a minute on purpose.
        gate.OpenVault(Vault, 10_000_000m, RiskLimits.Default with { MaxOrdersPerWindow = null });
        for (var s = 0; s < Symbols.Length; s++)
            gate.Mark(Symbols[s], Prices[s]);
        return gate;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
