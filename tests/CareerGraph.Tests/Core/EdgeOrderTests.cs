using CareerGraph.Model;

namespace CareerGraph.Tests.Core;

/// <summary>Edges ordered without building their ids order exactly as their ids do, edges are listed in their documented order, and aliases keep their keys with their names.</summary>
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

    [Theory]
    [InlineData(Direction.Outgoing)]
    [InlineData(Direction.Incoming)]
    public void Edges_are_listed_in_the_order_their_definition_gives(Direction end)
    {
        // Few distinct values, so that importance, tier and strength tie often and the other end decides.
        var random = new Random(24);
        double? Pick(params double?[] values) => values[random.Next(values.Length)];
        var edges = Enumerable.Range(0, 300).Select(i => new Edge($"s{random.Next(20)}", $"t{random.Next(20)}", EdgeKind.SeeAlso)
        {
            Importance = Pick(null, 0.5, 0.7, 1),
            Tier = random.Next(3) == 0 ? null : random.Next(1, 3),
            Weight = Pick(null, 0.4, 0.8),
        }).DistinctBy(e => e.Id).ToList();
        string OtherEnd(Edge e) => end == Direction.Incoming ? e.Source : e.Target;

        var mostImportant = edges.OrderByDescending(e => e.Importance ?? EdgeDefaults.Importance).ThenBy(OtherEnd, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal);
        var closest = edges.OrderBy(e => e.Tier ?? EdgeDefaults.Tier).ThenByDescending(e => e.Strength).ThenBy(OtherEnd, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal);

        Assert.Equal(mostImportant.Select(e => e.Id), EdgeOrder.MostImportantFirst(edges, end).Select(e => e.Id));
        Assert.Equal(closest.Select(e => e.Id), EdgeOrder.ClosestFirst(edges, end).Select(e => e.Id));
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
