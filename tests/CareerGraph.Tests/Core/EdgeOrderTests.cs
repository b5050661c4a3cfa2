using CareerGraph.Model;

namespace CareerGraph.Tests.Core;

/// <summary>Edges ordered without building their ids order exactly as their ids do, and aliases keep their keys with their names.</summary>
public sealed class EdgeOrderTests
{
    [Theory]
    [InlineData("a", "ab")] // a prefix: "a|…" sorts after "ab|…", since '|' is above the letters
    [InlineData("ab", "a-b")]
    [InlineData("z", "z")]
    [InlineData("data-engineer", "data-engineer-2")]
    public void Edges_compare_as_their_ids_compare(string source, string otherSource)
    {
        foreach (var (kind, otherKind) in new[] { (EdgeKind.SeeAlso, EdgeKind.SpecialisationOf), (EdgeKind.Requires, EdgeKind.Requires) })
        {
            var (a, b) = (new Edge(source, "t", kind), new Edge(otherSource, "t", otherKind));
            Assert.Equal(Math.Sign(string.CompareOrdinal(a.Id, b.Id)), Math.Sign(Edge.CompareById(a, b)));
            Assert.Equal(Math.Sign(string.CompareOrdinal(b.Id, a.Id)), Math.Sign(Edge.CompareById(b, a)));
        }
    }

    [Fact]
    public void Random_and_very_long_ids_order_as_their_ids()
    {
        var random = new Random(23);
        string Id() => random.Next(5) == 0 ? new string('x', random.Next(100, 300)) : string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => "ab-|z"[random.Next(5)]));
        var edges = Enumerable.Range(0, 400).Select(_ => new Edge(Id(), Id(), Enum.GetValues<EdgeKind>()[random.Next(4)])).ToArray();
        var byId = edges.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id).ToArray();
        Array.Sort(edges, Edge.CompareById);
        Assert.Equal(byId, edges.Select(e => e.Id));
    }

    [Fact]
    public void An_alias_renamed_with_with_has_the_new_names_key()
    {
        var alias = new Alias("  Machine   Learning Engineer ", "ml");
        Assert.Equal("machine learning engineer", alias.Key);
        var renamed = alias with { Name = "MLE" };
        Assert.Equal("mle", renamed.Key);
        Assert.Equal(new Alias("MLE", "ml"), renamed);
    }
}
