using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Core;

/// <summary>The best walks from one career to all within reach are the walks the path finder gives one by one.</summary>
public sealed class PathTreeTests
{
    public static TheoryData<int, double> Bounds => new() { { 1, 0.5 }, { 2, 0.5 }, { 3, 0.1 }, { 4, 0.7 } };

    [Theory]
    [MemberData(nameof(Bounds))]
    public void Every_career_within_reach_has_the_walk_path_finds_first_and_no_other_has_one(int maxHops, double minWeight)
    {
        foreach (var (careers, edges) in new[] { (ContractGraph.Document.Careers.Select(c => c.Id).ToList(), ContractGraph.Document.Edges), Tangled() })
        {
            var finder = new PathFinder(careers, edges);
            foreach (var from in careers)
            {
                var tree = finder.Reach(from, maxHops, minWeight);
                foreach (var to in careers.Where(c => c != from))
                {
                    var expected = finder.Find(new PathQuery(from, to) { MaxHops = maxHops, MinWeight = minWeight }).FirstOrDefault();
                    var path = tree.PathTo(to);
                    Assert.Equal(Describe(expected), Describe(path));
                    Assert.Equal(expected is not null, tree.Careers.Contains(to));
                    Assert.Equal(expected is not null, tree.Reaches(to, out var hops, out var strength));
                    if (expected is not null) Assert.Equal((expected.Hops, Math.Round(expected.Edges.Sum(e => e.Strength), 10)), (hops, Math.Round(strength, 10)));
                }
            }
        }
    }

    [Fact]
    public void A_career_the_finder_does_not_hold_reaches_nothing()
    {
        var tree = new PathFinder(["a", "b"], [new Edge("a", "b", EdgeKind.SeeAlso) { Weight = 1 }]).Reach("nobody", 2, 0.5);
        Assert.Empty(tree.Careers);
        Assert.Null(tree.PathTo("a"));
    }

    /// <summary>Many careers joined by links of few distinct weights, so that walks tie on length and strength.</summary>
    private static (List<string>, IReadOnlyList<Edge>) Tangled()
    {
        var random = new Random(7);
        var careers = Enumerable.Range(0, 40).Select(i => $"c{i:00}").ToList();
        var edges = Enumerable.Range(0, 90)
            .Select(_ => (From: careers[random.Next(40)], To: careers[random.Next(40)], Weight: 0.4 + random.Next(7) / 10.0, Special: random.Next(6) == 0))
            .Where(l => l.From != l.To)
            .DistinctBy(l => (l.From, l.To))
            .Select(l => l.Special ? new Edge(l.From, l.To, EdgeKind.SpecialisationOf) : new Edge(l.From, l.To, EdgeKind.SeeAlso) { Weight = l.Weight, Tier = 1 })
            .ToList();
        return (careers, edges);
    }

    private static string Describe(GraphPath? path) => path is null ? "none" : $"{string.Join(">", path.Careers)} via {string.Join(",", path.Edges.Select(e => e.Id))}";
}
