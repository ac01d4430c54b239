using Vanta.Journal.Lineage;

namespace Vanta.Journal.Tests.Lineage;

public sealed class LineageExplainerTests
{
    [Fact]
    public void A_fill_is_explained_up_to_its_raw_document_and_the_config_its_intent_used()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 12));
        using var index = Updated(dir);

        var tree = LineageExplainer.Explain(index, DecisionChains.FillId(3))!;

        Assert.Equal("fill_id", tree.MatchedBy);
        Assert.Equal("fill", tree.Root.Type);
        var orderEvent = Assert.Single(tree.Root.Parents);
        Assert.Equal("order_event", orderEvent.Type);
        var order = Assert.Single(orderEvent.Parents);
        Assert.Equal(["allocation_intent", "risk_check"], order.Parents.Select(p => p.Type));
        var intent = order.Parents[0];
        Assert.Equal(DecisionChains.IntentId(3), intent.Fields.Single(f => f.Name == "intent_id").Text);
        Assert.Equal("config", Assert.Single(intent.Configs).Type);
        // The risk check's parent is the same intent: shown once, then by reference.
        var again = Assert.Single(order.Parents[1].Parents);
        Assert.True(again.Repeat);
        Assert.Equal(intent.EventId, again.EventId);
        var conviction = Assert.Single(intent.Parents);
        var bar = Assert.Single(conviction.Parents);
        var document = Assert.Single(bar.Parents);
        Assert.Equal(["conviction", "price_bar", "raw_document"], new[] { conviction.Type, bar.Type, document.Type });
        Assert.Equal(["source", "uri", "content_type", "fetched_at", "sha256"], document.Fields.Select(f => f.Name));
        Assert.Empty(document.Parents);
        Assert.Equal("portfolio", Assert.Single(tree.Root.Children).Type);
    }

    [Fact]
    public void A_conviction_is_explained_down_to_its_orders_and_fills()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 4));
        using var index = Updated(dir);

        var tree = LineageExplainer.Explain(index, DecisionChains.SignalId(2))!;

        var intent = Assert.Single(tree.Root.Children);
        Assert.Equal("allocation_intent", intent.Type);
        Assert.Equal(["risk_check", "order"], intent.Children.Select(c => c.Type));
        var orderViaCheck = Assert.Single(intent.Children[0].Children);
        Assert.False(orderViaCheck.Repeat);
        Assert.True(intent.Children[1].Repeat);
        Assert.Equal(["order_event", "order_event"], orderViaCheck.Children.Select(c => c.Type));
        Assert.Equal(DecisionChains.FillId(2), Assert.Single(orderViaCheck.Children[1].Children).Fields[0].Text);
    }

    [Fact]
    public void Wide_fan_out_is_cut_at_max_children_and_counted()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 30, barsPerDocument: 30));
        using var index = Updated(dir);
        var document = index.OfType("raw_document").Single();

        var tree = LineageExplainer.Explain(index, document.EventId.Value, new ExplainOptions { MaxChildren = 4, Depth = 1 })!;

        Assert.Equal(4, tree.Root.Children.Count);
        Assert.Equal(26, tree.Root.MoreChildren);
        Assert.All(tree.Root.Children, bar => Assert.Equal(1, bar.MoreChildren));
        Assert.All(tree.Root.Children, bar => Assert.Empty(bar.Children));
    }

    [Fact]
    public void Depth_bounds_the_ancestors_and_counts_what_it_leaves_out()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 2));
        using var index = Updated(dir);

        var tree = LineageExplainer.Explain(index, DecisionChains.FillId(1), new ExplainOptions { Depth = 2 })!;

        var order = tree.Root.Parents[0].Parents[0];
        Assert.Equal("order", order.Type);
        Assert.Empty(order.Parents);
        Assert.Equal(2, order.MoreParents);
    }

    [Fact]
    public void An_unknown_id_explains_nothing()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 2));
        using var index = Updated(dir);

        Assert.Null(LineageExplainer.Explain(index, "no-such-id"));
    }

    private static LineageIndex Updated(TempDir dir)
    {
        var index = LineageIndex.Open(dir.Sub("vanta.db"), dir.Sub("journal"));
        index.Update();
        return index;
    }
}
