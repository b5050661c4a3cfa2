using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;

namespace CareerGraph.Tests.Core;

/// <summary>The ranking rule of career moves, on small graphs made for each rule.</summary>
public sealed class CareerMovesTests
{
    private static Career Career(string id, string name, int? jobZone = null) => new(id, name) { JobZone = jobZone };
    private static Edge Requires(string career, string skill, double importance) => new(career, skill, EdgeKind.Requires) { Importance = importance };
    private static Edge SeeAlso(string from, string to, double weight) => new(from, to, EdgeKind.SeeAlso) { Weight = weight, Tier = 1 };

    /// <summary>The moves from one career over a graph held as a slice, with a requirement index and path finder over the same careers.</summary>
    private static IReadOnlyList<CareerMove> Find(CareerMovesQuery query, IReadOnlyList<Career> careers, IReadOnlyList<Edge> edges, CancellationToken cancellationToken = default)
    {
        var graph = new GraphSlice(new GraphDocument(careers, [new Skill("sql", "SQL"), new Skill("excel", "Excel")], [], edges, []), []);
        return CareerMoves.Find(query, graph, new RequirementIndex(new PathFinder(careers.Select(c => c.Id), edges), edges), cancellationToken);
    }

    [Fact]
    public void Equal_scores_break_by_name()
    {
        var moves = Find(
            new CareerMovesQuery("analyst"),
            [Career("analyst", "Analyst"), Career("zeta", "Zeta Clerk"), Career("alpha", "Alpha Clerk")],
            [Requires("analyst", "sql", 1), Requires("zeta", "sql", 1), Requires("alpha", "sql", 1), SeeAlso("analyst", "zeta", 0.8), SeeAlso("alpha", "analyst", 0.8)]);

        Assert.Equal(["alpha", "zeta"], moves.Select(m => m.CareerId));
        Assert.Equal(moves[0].Score, moves[1].Score);
    }

    [Theory]
    [InlineData(JobZoneChange.Any, new[] { "easier", "harder", "same", "unknown" })]
    [InlineData(JobZoneChange.SameOrLower, new[] { "easier", "same" })]
    [InlineData(JobZoneChange.SameOrHigher, new[] { "harder", "same" })]
    public void The_job_zone_filter_compares_with_the_career_moved_from(JobZoneChange change, string[] expected)
    {
        var moves = Find(
            new CareerMovesQuery("nurse") { JobZone = change },
            [Career("nurse", "Nurse", 3), Career("easier", "Easier", 2), Career("same", "Same", 3), Career("harder", "Harder", 4), Career("unknown", "Unknown")],
            [Requires("nurse", "excel", 1), Requires("easier", "excel", 1), Requires("same", "excel", 1), Requires("harder", "excel", 1), Requires("unknown", "excel", 1)]);

        Assert.Equal(expected, moves.Select(m => m.CareerId).Order());
        Assert.All(moves, m => Assert.Null(m.Path));
    }

    [Fact]
    public void A_linked_career_sharing_no_skill_is_a_move_on_its_link_alone_and_one_neither_linked_nor_sharing_is_not()
    {
        var move = Assert.Single(Find(
            new CareerMovesQuery("a"),
            [Career("a", "A"), Career("b", "B"), Career("c", "C")],
            [Requires("a", "sql", 1), Requires("b", "excel", 1), Requires("c", "excel", 1), SeeAlso("a", "b", 0.6)]));

        Assert.Equal("b", move.CareerId);
        Assert.Equal(Math.Round(MoveWeights.Link * 0.6 + MoveWeights.Closeness, 4), move.Score);
        Assert.Equal(["related to A (tier 1)", "to learn: Excel"], move.Reasons);
    }

    [Fact]
    public void Overlap_is_the_weighted_jaccard_similarity_of_the_skills()
    {
        var moves = Find(
            new CareerMovesQuery("a"),
            [Career("a", "A"), Career("same", "Same"), Career("more", "More")],
            [Requires("a", "sql", 0.8), Requires("same", "sql", 0.8), Requires("more", "sql", 1), Requires("more", "excel", 0.5)]);

        // Σ min ÷ Σ max: 0.8 ÷ 0.8 for the same skills; 0.8 ÷ (1 + 0.5) when the other needs SQL more, and Excel.
        Assert.Equal([("same", MoveWeights.Skills), ("more", Math.Round(MoveWeights.Skills * 0.8 / 1.5, 4))], moves.Select(m => (m.CareerId, m.Score)));
    }

    [Fact]
    public void A_skill_most_careers_require_brings_in_no_move_without_a_link_but_counts_in_the_overlap()
    {
        // SQL is required by more careers than a distinctive skill may be; Excel by two.
        var clerks = Enumerable.Range(0, MoveWeights.CommonSkill).Select(i => Career($"clerk-{i}", $"Clerk {i}")).ToList();
        var moves = Find(
            new CareerMovesQuery("a"),
            [Career("a", "A"), Career("b", "B"), Career("linked", "Linked"), .. clerks],
            [Requires("a", "sql", 1), Requires("a", "excel", 1), Requires("b", "excel", 1), Requires("linked", "sql", 1), SeeAlso("a", "linked", 0.9),
             .. clerks.Select(c => Requires(c.Id, "sql", 1))]);

        Assert.Equal(["linked", "b"], moves.Select(m => m.CareerId));
        Assert.Equal(Math.Round(MoveWeights.Skills * 0.5 + MoveWeights.Link * 0.9 + MoveWeights.Closeness, 4), moves[0].Score);
        Assert.Equal(Math.Round(MoveWeights.Skills * 0.5, 4), moves[1].Score);
    }

    [Fact]
    public void A_cancelled_search_stops()
    {
        Assert.Throws<OperationCanceledException>(() =>
            Find(new CareerMovesQuery("a"), [Career("a", "A"), Career("b", "B")], [Requires("a", "sql", 1), Requires("b", "sql", 1)], new CancellationToken(canceled: true)));
    }
}
