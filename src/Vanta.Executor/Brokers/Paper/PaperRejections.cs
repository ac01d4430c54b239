namespace Vanta.Executor.Brokers.Paper;

/// <summary>Reason codes the paper venue puts first in a rejection's reason (<c>code: detail</c>). Frozen.</summary>
public static class PaperRejections
{
    public const string DuplicateClientOrderId = "duplicate_client_order_id";
    public const string UnsupportedOrderType = "unsupported_order_type";
    public const string InvalidQuantity = "invalid_quantity";
    public const string InvalidSymbol = "invalid_symbol";
    public const string InvalidLimitPrice = "invalid_limit_price";
    public const string UnsupportedTimeInForce = "unsupported_time_in_force";
}
