using Vanta.Bus.Contract;
using Vanta.Bus.InProcess;

namespace Vanta.Bus.Tests.InProcess;

/// <summary>The contract suite, run against the in-process bus.</summary>
public sealed class InProcessBusContractTests : BusContractTests
{
    protected override IMessageBus CreateBus(TimeProvider time, BusOptions options) => new InProcessBus(time, options);
}
