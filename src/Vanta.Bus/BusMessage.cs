using Vanta.Core.Envelopes;

namespace Vanta.Bus;

/// <summary>
/// One delivery of a message to a consumer. A struct, so the in-process bus hands it out without allocating.
/// </summary>
/// <param name="DeliveryId">Where the message sits in its group; the same on every redelivery.</param>
/// <param name="DeliveryCount">1 on the first delivery, 2 on the first redelivery, and so on.</param>
public readonly record struct BusMessage(
    string Topic,
    string Key,
    Envelope Envelope,
    DeliveryId DeliveryId,
    int DeliveryCount)
{
    /// <summary>Whether the bus has delivered this message before (to this consumer or another).</summary>
    public bool IsRedelivery => DeliveryCount > 1;
}

/// <summary>
/// The position of a message within a group's partition, used to ack it. The in-process bus uses
/// (<c>sequence</c>, 0); a Redis Streams bus uses the stream entry id's (milliseconds, sequence).
/// </summary>
public readonly record struct DeliveryId(int Partition, long Major, long Minor)
{
    public override string ToString() => $"{Partition}:{Major}-{Minor}";
}
