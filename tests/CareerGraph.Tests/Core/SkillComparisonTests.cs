using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Tests.Core;

public sealed class SkillComparisonTests
{
    private static Edge Requires(string career, string skill, double importance) => new(career, skill, EdgeKind.Requires) { Importance = importance };

    private static readonly ILookup<string, Edge> Requirements = new[]
    {
        Requires("ml", "python", 1.0), Requires("ml", "pytorch", 0.8), Requires("ml", "docker", 0.3),
        Requires("mlops", "python", 0.7), Requires("mlops", "docker", 0.9), Requires("mlops", "kubernetes", 0.9),
        Requires("cloud", "docker", 0.8), Requires("cloud", "kubernetes", 0.8), Requires("cloud", "aws", 1.0), Requires("cloud", "python", 0.4),
    }.ToLookup(e => e.Source);

    [Fact]
    public void Each_step_lists_what_carries_over_what_is_new_and_what_is_left_behind()
    {
        var found = new GraphPath(["ml", "mlops", "cloud"],
            [new Edge("mlops", "ml", EdgeKind.SpecialisationOf), new Edge("mlops", "cloud", EdgeKind.SeeAlso) { Weight = 0.8 }]);
        var path = SkillComparison.Describe(found, Requirements);

        Assert.Equal(2, path.Hops);
        Assert.Equal(["python", "pytorch", "docker"], path.Steps[0].NewSkills);
        Assert.Empty(path.Steps[0].SharedWithPrevious);
        Assert.Null(path.Steps[0].Via);

        Assert.Equal(["docker", "python"], path.Steps[1].SharedWithPrevious);
        Assert.Equal(["kubernetes"], path.Steps[1].NewSkills);
        Assert.Equal(["pytorch"], path.Steps[1].LeftBehind);
        Assert.Equal(EdgeKind.SpecialisationOf, path.Steps[1].Via!.Kind);

        Assert.Equal(["docker", "kubernetes", "python"], path.Steps[2].SharedWithPrevious);
        Assert.Equal(["aws"], path.Steps[2].NewSkills);
        Assert.Empty(path.Steps[2].LeftBehind);
    }

    [Fact]
    public void Shared_skills_are_those_every_career_requires_ordered_by_summed_importance()
    {
        // python 1.0 + 0.7 + 0.4 outweighs docker 0.3 + 0.9 + 0.8
        Assert.Equal(["python", "docker"], SkillComparison.Shared([Requirements["ml"], Requirements["mlops"], Requirements["cloud"]]));
        // docker and kubernetes tie at 1.7 (then by id), python 1.1
        Assert.Equal(["docker", "kubernetes", "python"], SkillComparison.Shared([Requirements["mlops"], Requirements["cloud"]]));
        Assert.Empty(SkillComparison.Shared([]));
    }

    [Fact]
    public void A_skill_gap_splits_skills_into_keep_learn_and_leave_behind()
    {
        var gap = SkillComparison.Gap("ml", "cloud", Requirements["ml"], Requirements["cloud"]);
        Assert.Equal(["docker", "python"], gap.Keep);
        Assert.Equal(["aws", "kubernetes"], gap.Learn);
        Assert.Equal(["pytorch"], gap.LeaveBehind);
    }

    [Fact]
    public void A_gap_to_the_same_career_is_all_keep()
    {
        var gap = SkillComparison.Gap("ml", "ml", Requirements["ml"], Requirements["ml"]);
        Assert.Equal(3, gap.Keep.Count);
        Assert.Empty(gap.Learn);
        Assert.Empty(gap.LeaveBehind);
    }
}
