using CareerGraph.Model;

namespace CareerGraph.Tests.Core;

public sealed class GraphRulesTests
{
    private static readonly Career A = new("a", "A");
    private static readonly Career B = new("b", "B");
    private static readonly Career C = new("c", "C");
    private static readonly Skill S = new("s", "S");

    private static IReadOnlyList<RuleViolation> Check(params Edge[] edges) =>
        GraphRules.Check(new GraphDocument([A, B, C], [S], [], edges, []));

    [Fact]
    public void A_valid_graph_has_no_violations() =>
        Assert.Empty(Check(new Edge("a", "s", EdgeKind.Requires) { Importance = 1 }, new Edge("a", "b", EdgeKind.SeeAlso) { Weight = 1, Tier = 1 }));

    [Fact]
    public void Edges_must_join_the_right_kinds()
    {
        var violation = Assert.Single(Check(new Edge("a", "b", EdgeKind.Requires)));
        Assert.Equal(RuleCodes.WrongKind, violation.Code);
        Assert.Contains("skill", violation.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Importance_must_be_between_0_and_1(double importance) =>
        Assert.Equal(RuleCodes.OutOfRange, Assert.Single(Check(new Edge("a", "s", EdgeKind.Requires) { Importance = importance })).Code);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    public void Weight_must_be_above_0_and_at_most_1(double weight) =>
        Assert.Equal(RuleCodes.OutOfRange, Assert.Single(Check(new Edge("a", "b", EdgeKind.SeeAlso) { Weight = weight })).Code);

    [Fact]
    public void A_specialisation_cycle_is_refused_also_through_stored_edges()
    {
        Assert.Contains(Check(new Edge("a", "b", EdgeKind.SpecialisationOf), new Edge("b", "c", EdgeKind.SpecialisationOf), new Edge("c", "a", EdgeKind.SpecialisationOf)),
            v => v.Code == RuleCodes.SpecialisationCycle);
        var stored = GraphRules.Check(
            GraphDocument.Empty with { Edges = [new Edge("c", "a", EdgeKind.SpecialisationOf)] },
            id => NodeKind.Career,
            id => id == "a" ? ["b"] : id == "b" ? ["c"] : []);
        Assert.Contains(stored, v => v.Code == RuleCodes.SpecialisationCycle);
    }

    [Fact]
    public void Ids_must_be_unique_across_kinds() =>
        Assert.Contains(GraphRules.Check(new GraphDocument([A], [new Skill("a", "A skill")], [], [], [])), v => v.Code == RuleCodes.DuplicateId);

    [Fact]
    public void Oversized_text_is_refused() =>
        Assert.Contains(GraphRules.Check(new GraphDocument([A with { Description = new string('x', GraphRules.MaxDescriptionLength + 1) }], [], [], [], [])), v => v.Code == RuleCodes.TextTooLong);

    [Fact]
    public void Aliases_must_name_a_career_or_skill() =>
        Assert.Equal(RuleCodes.UnknownReference, Assert.Single(GraphRules.Check(new GraphDocument([A], [], [], [], [new Alias("x", "nowhere")]))).Code);
}
