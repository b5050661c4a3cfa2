using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Core;

/// <summary>The ranking rule of career matches on small graphs made for each rule, and the use case's resolution of skills.</summary>
public sealed class CareerMatchesTests
{
    private static Edge Requires(string career, string skill, double importance, bool core = false) =>
        new(career, skill, EdgeKind.Requires) { Importance = importance, Core = core };

    private static IReadOnlyList<CareerMatch> Find(CareerMatchesQuery query, IReadOnlyList<Career> careers, IReadOnlyList<Edge> edges)
    {
        var skills = edges.Select(e => e.Target).Distinct().Select(id => new Skill(id, id.ToUpperInvariant())).ToList();
        var graph = new GraphSlice(new GraphDocument(careers, skills, [], edges, []), []);
        return CareerMatches.Find(query, graph, new RequirementIndex(new PathFinder(careers.Select(c => c.Id), edges), edges));
    }

    [Fact]
    public void Coverage_weighs_a_core_requirement_more_than_an_optional_one_of_the_same_importance()
    {
        var matches = Find(
            new CareerMatchesQuery(["sql"]),
            [new Career("core", "Core"), new Career("optional", "Optional")],
            [Requires("core", "sql", 0.5, core: true), Requires("core", "excel", 0.5), Requires("optional", "sql", 0.5), Requires("optional", "excel", 0.5, core: true)]);

        var weighed = 0.5 * MatchWeights.Core;
        Assert.Equal([("core", Math.Round(weighed / (weighed + 0.5), 4)), ("optional", Math.Round(0.5 / (weighed + 0.5), 4))], matches.Select(m => (m.CareerId, m.Coverage)));
        Assert.Equal(MatchWeights.Score(weighed / (weighed + 0.5), 1), matches[0].Score);
    }

    [Theory]
    [InlineData(1.0, 1.0, 1.0)]
    [InlineData(0.5, 1.0, 0.6667)]
    [InlineData(1.0, 0.1, 0.1818)]
    [InlineData(0.0, 1.0, 0.0)]
    public void The_score_is_the_harmonic_mean_of_coverage_and_use_low_when_either_is(double coverage, double use, double score) =>
        Assert.Equal(score, MatchWeights.Score(coverage, use));

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(MoveWeights.CommonSkill, 1.0)]
    [InlineData(4 * MoveWeights.CommonSkill, 0.25)]
    public void A_skill_weighs_less_in_use_once_more_careers_require_it_than_a_distinctive_skill_may(int requiredBy, double rarity) =>
        Assert.Equal(rarity, MatchWeights.Rarity(requiredBy));

    [Fact]
    public void Equal_scores_break_by_coverage_then_name()
    {
        var matches = Find(
            new CareerMatchesQuery(["sql"]),
            [new Career("zeta", "Zeta"), new Career("alpha", "Alpha"), new Career("beta", "Beta")],
            [Requires("zeta", "sql", 1), Requires("alpha", "sql", 1), Requires("beta", "sql", 1), Requires("beta", "excel", 1)]);

        Assert.Equal(["alpha", "zeta", "beta"], matches.Select(m => m.CareerId));
        Assert.Equal(["nothing to learn"], matches[0].Reasons.Skip(2));
    }

    private static async Task<SqliteGraphStore> StoreWithAmbiguousAliasAsync()
    {
        var store = SqliteGraphStore.Open(":memory:");
        await store.ImportAsync(ContractGraph.Document);
        await store.ImportAsync(new GraphDocument([], [], [], [], [new Alias("Deep Learning Framework", "pytorch"), new Alias("Deep Learning Framework", "tensorflow")]));
        return store;
    }

    [Theory]
    [InlineData("python")]
    [InlineData("PYTHON")]
    [InlineData("  Python ")]
    public async Task Skills_resolve_by_id_or_name_ignoring_case_and_by_alias(string python)
    {
        using var store = await StoreWithAmbiguousAliasAsync();

        var matches = await new CareerMatchAdvice(store, 100).FindAsync(new CareerMatchRequest([python, "K8S"]), CancellationToken.None);

        Assert.Equal("mlops-engineer", matches[0].CareerId);
        Assert.Equal(["kubernetes", "python"], matches[0].MatchedSkills.Select(e => e.Target).Order());
    }

    [Fact]
    public async Task An_alias_of_several_skills_is_ambiguous_with_its_candidates()
    {
        using var store = await StoreWithAmbiguousAliasAsync();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            new CareerMatchAdvice(store, 100).FindAsync(new CareerMatchRequest(["python", "deep learning framework"]), CancellationToken.None));

        Assert.Equal(RuleCodes.AmbiguousReference, refused.Code);
        Assert.Equal("skills", refused.Details["argument"]);
        var candidates = Assert.IsType<List<Dictionary<string, object?>>>(refused.Details["candidates"]);
        Assert.Equal(["pytorch", "tensorflow"], candidates.Select(c => c["id"]).Order());
    }

    [Fact]
    public async Task An_unknown_skill_is_not_found_naming_it_and_suggesting_the_closest()
    {
        using var store = await StoreWithAmbiguousAliasAsync();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            new CareerMatchAdvice(store, 100).FindAsync(new CareerMatchRequest(["Kubernetis"]), CancellationToken.None));

        Assert.Equal(RuleCodes.NotFound, refused.Code);
        Assert.Equal("Kubernetis", refused.Details["reference"]);
        Assert.Equal("No skill has the id, name or alias 'Kubernetis' (argument 'skills'). Did you mean Kubernetes (kubernetes)?", refused.Message);
        var career = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            new CareerMatchAdvice(store, 100).FindAsync(new CareerMatchRequest(["Machine Learning Engineer"]), CancellationToken.None));
        Assert.Equal(RuleCodes.NotFound, career.Code); // a career is not a skill
    }
}
