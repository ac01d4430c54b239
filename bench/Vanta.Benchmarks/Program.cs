using BenchmarkDotNet.Running;
using Vanta.Benchmarks;

if (args is ["--model-layer", ..])
{
    ModelLayerHarness.Run(retrainEvery: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 250);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
