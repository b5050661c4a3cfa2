using CareerGraph.Model;
using CareerGraph.Moves;

namespace CareerGraph.Tests.Contract;

/// <summary>Career moves: "where can I go from here?", the same on every backend.</summary>
public abstract partial class StoreContract
{
    [SkippableFact]
    public async Task Moves_from_ml_engineer_are_ranked_by_skill_overlap_link_strength_and_distance()
    {
        var store = await CreateStoreAsync();

        var moves = await store.FindCareerMovesAsync(new CareerMovesQuery("machine-learning-engineer"));

        // Within 2 links of at least 0.5: both specialisations, Data Engineer (0.7), Cloud and DevOps Engineer through MLOps Engineer.
        Assert.Equal(["mlops-engineer", "computer-vision-engineer", "data-engineer", "cloud-engineer", "devops-engineer"], moves.Select(m => m.CareerId));
        var mlops = moves[0];
        // Overlap: min(1, .8) + min(.8, .5) + min(.4, .9) over max of python, pytorch, tensorflow, statistics, docker, kubernetes.
        var overlap = (0.8 + 0.5 + 0.4) / (1.0 + 0.8 + 0.7 + 0.6 + 0.9 + 0.9);
        Assert.Equal(Math.Round(MoveWeights.Skills * overlap + MoveWeights.Link * 1.0 + MoveWeights.Closeness / 1, 4), mlops.Score);
        Assert.Equal(["docker", "python", "pytorch"], mlops.SharedSkills); // most important to MLOps Engineer first
        Assert.Equal(["kubernetes"], mlops.SkillsToLearn);
        Assert.Equal(["machine-learning-engineer", "mlops-engineer"], mlops.Path!.Careers);
        Assert.Equal(["specialises Machine Learning Engineer", "shares Docker, Python and PyTorch", "to learn: Kubernetes"], mlops.Reasons);

        var cloud = moves.Single(m => m.CareerId == "cloud-engineer");
        Assert.Equal(["machine-learning-engineer", "mlops-engineer", "cloud-engineer"], cloud.Path!.Careers);
        Assert.Equal("2 steps away, via MLOps Engineer", cloud.Reasons[0]);
        Assert.All(moves, m => Assert.InRange(m.Score, 0, 1));
    }

    [SkippableFact]
    public async Task A_career_sharing_an_important_skill_is_a_move_without_a_link_and_weak_links_are_not_walked()
    {
        var store = await CreateStoreAsync();

        var moves = await store.FindCareerMovesAsync(new CareerMovesQuery("machine-learning-engineer") { MaxHops = 1 });

        // Cloud Engineer is only weakly linked (0.3) but requires Python, a core skill of Machine Learning Engineer.
        var cloud = moves.Single(m => m.CareerId == "cloud-engineer");
        Assert.Null(cloud.Path);
        Assert.Equal("no link within 1 hop; found through shared skills", cloud.Reasons[0]);
        Assert.Equal(["cloud-engineer", "computer-vision-engineer", "data-engineer", "mlops-engineer"], moves.Select(m => m.CareerId).Order());
        Assert.DoesNotContain(moves, m => m.CareerId is "machine-learning-engineer" or "marine-engineer" or "devops-engineer");

        var weak = await store.FindCareerMovesAsync(new CareerMovesQuery("machine-learning-engineer") { MaxHops = 1, MinWeight = 0.1 });
        Assert.Equal(["machine-learning-engineer", "marine-engineer"], weak.Single(m => m.CareerId == "marine-engineer").Path!.Careers);
    }

    [SkippableFact]
    public async Task Moves_stop_at_first_and_an_unknown_career_has_none()
    {
        var store = await CreateStoreAsync();

        var two = await store.FindCareerMovesAsync(new CareerMovesQuery("machine-learning-engineer") { First = 2 });

        Assert.Equal(["mlops-engineer", "computer-vision-engineer"], two.Select(m => m.CareerId));
        Assert.Empty(await store.FindCareerMovesAsync(new CareerMovesQuery("no-such-career")));
        Assert.Empty(await store.FindCareerMovesAsync(new CareerMovesQuery("python")));
    }

    [SkippableFact]
    public async Task A_skill_more_careers_require_than_a_distinctive_one_may_brings_in_no_move_without_a_link()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ImportAsync(CommonSkillGraph());

        var moves = await store.FindCareerMovesAsync(new CareerMovesQuery("analyst"));

        // Excel, required by every clerk too, brings in none of them; SQL, required by two careers, brings in the modeller.
        Assert.Equal(["auditor", "modeller"], moves.Select(m => m.CareerId));
        Assert.Equal(Math.Round(MoveWeights.Skills * 0.5, 4), moves[1].Score);
        Assert.Equal(["no link within 2 hops; found through shared skills", "shares SQL"], moves[1].Reasons);
        Assert.Equal(["excel"], moves[0].SharedSkills); // still counted in the overlap of a linked move
    }

    /// <summary>An analyst whose Excel is required by more careers than <see cref="MoveWeights.CommonSkill"/>, and whose SQL is not.</summary>
    private static GraphDocument CommonSkillGraph()
    {
        Edge Requires(string career, string skill) => new(career, skill, EdgeKind.Requires) { Importance = 1.0, Core = true };
        var clerks = Enumerable.Range(0, MoveWeights.CommonSkill).Select(i => new Career($"clerk-{i}", $"Clerk {i}")).ToList();
        return new GraphDocument(
            [new Career("analyst", "Analyst"), new Career("auditor", "Auditor"), new Career("modeller", "Modeller"), .. clerks],
            [new Skill("excel", "Excel"), new Skill("sql", "SQL")],
            [],
            [
                Requires("analyst", "excel"), Requires("analyst", "sql"), Requires("auditor", "excel"), Requires("modeller", "sql"),
                new Edge("auditor", "analyst", EdgeKind.SeeAlso) { Weight = 0.9, Tier = 1 },
                .. clerks.Select(c => Requires(c.Id, "excel")),
            ],
            []);
    }
}
