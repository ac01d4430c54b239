namespace Vanta.Markets.Features;

/// <summary>
/// How much an insider's trade counts by role, from the Form 4 relationship tokens (<c>officer</c> or
/// <c>officer:TITLE</c>, <c>director</c>, <c>ten_percent_owner</c>, <c>other:TEXT</c>). An insider with several roles
/// takes the highest weight. Defaults: officer 1.0 (runs the business and sees it daily), director 0.75 (informed,
/// less closely), 10% owner 0.5 (large holder, often a fund trading for its own reasons), anyone else 0.25.
/// </summary>
public sealed record InsiderRoleWeights(decimal Officer, decimal Director, decimal TenPercentOwner, decimal Other)
{
    /// <summary>Officer 1.0, director 0.75, 10% owner 0.5, other 0.25.</summary>
    public static InsiderRoleWeights Default { get; } = new(1.0m, 0.75m, 0.5m, 0.25m);

    /// <summary>The weight of an insider with the comma-separated <paramref name="relationship"/> tokens.</summary>
    public decimal For(string relationship)
    {
        var weight = -1m;
        foreach (var raw in relationship.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var role = raw.Split(':', 2)[0].ToLowerInvariant();
            var w = role switch
            {
                "officer" => Officer,
                "director" => Director,
                "ten_percent_owner" => TenPercentOwner,
                _ => Other,
            };
            weight = Math.Max(weight, w);
        }
        return weight < 0m ? Other : weight;
    }
}
