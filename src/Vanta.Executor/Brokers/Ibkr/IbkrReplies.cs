using System.Text.Json;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>What an order submission or a reply confirmation answered (HTTP 200).</summary>
internal abstract record IbkrAnswer
{
    /// <summary>The order was accepted: <c>[{"order_id": "1876543210", "order_status": "Submitted"}]</c>.</summary>
    public sealed record Acknowledged(string OrderId, string? Status) : IbkrAnswer;

    /// <summary>IBKR asks before it places the order: <c>[{"id": uuid, "message": [..], "messageIds": ["o163"]}]</c>.</summary>
    public sealed record Question(string ReplyId, IReadOnlyList<string> Messages, IReadOnlyList<string> MessageIds) : IbkrAnswer;

    /// <summary>
    /// Reads the union: an array (one element per ticket; we send one) or, as IBKR's prose docs print it, a bare
    /// object. <c>{"error": ..}</c> never gets here: <see cref="IbkrErrors"/> turns it into a rejection first.
    /// </summary>
    public static IbkrAnswer Read(JsonElement root)
    {
        var first = root.ValueKind switch
        {
            JsonValueKind.Array when root.GetArrayLength() > 0 => root[0],
            JsonValueKind.Object => root,
            _ => throw new FormatException($"ibkr: order answer is an empty array or a {root.ValueKind}"),
        };
        if (IbkrJson.Has(first, "order_id"))
            return new Acknowledged(IbkrJson.RequiredString(first, "order_id", "order acknowledgement"), IbkrJson.String(first, "order_status"));
        if (IbkrJson.Has(first, "id") && IbkrJson.Has(first, "message"))
            return new Question(IbkrJson.RequiredString(first, "id", "order reply"), IbkrJson.Strings(first, "message"), IbkrJson.Strings(first, "messageIds"));
        throw new FormatException("ibkr: order answer is neither an acknowledgement (order_id) nor a reply message (id, message)");
    }
}
