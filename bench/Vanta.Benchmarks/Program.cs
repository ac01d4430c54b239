using BenchmarkDotNet.Running;
using Vanta.Benchmarks;

if (args is ["--model-layer-scoring", ..])
{
    ModelLayerHarness.RunScoring(passes: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}
if (args is ["--model-layer", ..])
{
    ModelLayerHarness.Run(retrainEvery: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 250);
    return;
}
if (args is ["--executor-latency", ..])
{
    Console.WriteLine("decision latency (risk gate + router) " + ExecutorLatencyHarness.Run(1_000_000));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
