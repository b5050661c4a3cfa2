using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;

namespace CareerGraph.Tests.Core;

/// <summary>The ranking rule of career moves, on small graphs made for each rule.</summary>
public sealed class CareerMovesTests
{
    private static Career Career(string id, string name, int? jobZone = null) => new(id, name) { JobZone = jobZone };
    private static Edge Requires(string career, string skill, double importance) => new(career, skill, EdgeKind.Requires) { Importance = importance };
    private static Edge SeeAlso(string from, string to, double weight) => new(from, to, EdgeKind.SeeAlso) { Weight = weight, Tier = 1 };

    private static IGraphFacts Graph(IReadOnlyList<Career> careers, IReadOnlyList<Edge> edges) =>
        new GraphSlice(new GraphDocument(careers, [new Skill("sql", "SQL"), new Skill("excel", "Excel")], [], edges, []), []);

    [Fact]
    public void Equal_scores_break_by_name()
    {
        var graph = Graph(
            [Career("analyst", "Analyst"), Career("zeta", "Zeta Clerk"), Career("alpha", "Alpha Clerk")],
            [Requires("analyst", "sql", 1), Requires("zeta", "sql", 1), Requires("alpha", "sql", 1), SeeAlso("analyst", "zeta", 0.8), SeeAlso("alpha", "analyst", 0.8)]);

        var moves = CareerMoves.Find(new CareerMovesQuery("analyst"), graph);

        Assert.Equal(["alpha", "zeta"], moves.Select(m => m.CareerId));
        Assert.Equal(moves[0].Score, moves[1].Score);
    }

    [Theory]
    [InlineData(JobZoneChange.Any, new[] { "easier", "harder", "same", "unknown" })]
    [InlineData(JobZoneChange.SameOrLower, new[] { "easier", "same" })]
    [InlineData(JobZoneChange.SameOrHigher, new[] { "harder", "same" })]
    public void The_job_zone_filter_compares_with_the_career_moved_from(JobZoneChange change, string[] expected)
    {
        var graph = Graph(
            [Career("nurse", "Nurse", 3), Career("easier", "Easier", 2), Career("same", "Same", 3), Career("harder", "Harder", 4), Career("unknown", "Unknown")],
            [Requires("nurse", "excel", 1), Requires("easier", "excel", 1), Requires("same", "excel", 1), Requires("harder", "excel", 1), Requires("unknown", "excel", 1)]);

        var moves = CareerMoves.Find(new CareerMovesQuery("nurse") { JobZone = change }, graph);

        Assert.Equal(expected, moves.Select(m => m.CareerId).Order());
        Assert.All(moves, m => Assert.Null(m.Path));
    }

    [Fact]
    public void A_linked_career_sharing_no_skill_is_a_move_on_its_link_alone_and_one_neither_linked_nor_sharing_is_not()
    {
        var graph = Graph(
            [Career("a", "A"), Career("b", "B"), Career("c", "C")],
            [Requires("a", "sql", 1), Requires("b", "excel", 1), Requires("c", "excel", 1), SeeAlso("a", "b", 0.6)]);

        var move = Assert.Single(CareerMoves.Find(new CareerMovesQuery("a"), graph));

        Assert.Equal("b", move.CareerId);
        Assert.Equal(Math.Round(MoveWeights.Link * 0.6 + MoveWeights.Closeness, 4), move.Score);
        Assert.Equal(["related to A (tier 1)", "to learn: Excel"], move.Reasons);
    }

    [Fact]
    public void Overlap_is_the_weighted_jaccard_similarity_of_the_skills()
    {
        Assert.Equal(1.0, CareerMoves.Overlap([Requires("a", "sql", 0.5)], [Requires("b", "sql", 0.5)]));
        Assert.Equal(0.5 / 1.5, CareerMoves.Overlap([Requires("a", "sql", 0.5)], [Requires("b", "sql", 1), Requires("b", "excel", 0.5)]), 10);
        Assert.Equal(0.0, CareerMoves.Overlap([], [Requires("b", "sql", 1)]));
    }

    [Fact]
    public void A_cancelled_search_stops()
    {
        var graph = Graph([Career("a", "A"), Career("b", "B")], [Requires("a", "sql", 1), Requires("b", "sql", 1)]);
        Assert.Throws<OperationCanceledException>(() => CareerMoves.Find(new CareerMovesQuery("a"), graph, new CancellationToken(canceled: true)));
    }
}
