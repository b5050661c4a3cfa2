using CareerGraph.Model;
using CareerGraph.Moves;

namespace CareerGraph.Tests.Contract;

/// <summary>Career matches: "I know these skills: which careers fit me?", the same on every backend.</summary>
public abstract partial class StoreContract
{
    [SkippableFact]
    public async Task Matches_for_python_and_docker_are_ranked_by_coverage_and_use()
    {
        var store = await CreateStoreAsync();

        var matches = await store.FindCareerMatchesAsync(new CareerMatchesQuery(["python", "docker"]));

        // Every career requiring Python or Docker; Marine Engineer and the AI specialists require neither.
        Assert.Equal(["mlops-engineer", "machine-learning-engineer", "devops-engineer", "cloud-engineer", "data-engineer", "computer-vision-engineer"],
            matches.Select(m => m.CareerId));
        var mlops = matches[0];
        // MLOps Engineer: Python 0.8 and Docker 0.9, both core, of Python, Docker, Kubernetes (core) and PyTorch 0.5.
        var coverage = (2 * 0.8 + 2 * 0.9) / (2 * 0.8 + 2 * 0.9 + 2 * 0.9 + 0.5);
        Assert.Equal(Math.Round(coverage, 4), mlops.Coverage);
        Assert.Equal(MatchWeights.Score(coverage, 1.0), mlops.Score);
        Assert.Equal(["docker", "python"], mlops.MatchedSkills.Select(e => e.Target));
        Assert.Equal(["kubernetes", "pytorch"], mlops.MissingSkills.Select(e => e.Target)); // core first
        Assert.Equal(["you have 60% of what it requires: Docker and Python", "uses 2 of your 2 skills", "to learn: Kubernetes and PyTorch"], mlops.Reasons);

        // DevOps Engineer uses only Docker of the two: use is ½, though its coverage (0.9 of 1.7) beats Machine Learning Engineer's.
        var devops = matches.Single(m => m.CareerId == "devops-engineer");
        Assert.Equal(MatchWeights.Score(0.9 / 1.7, 0.5), devops.Score);
        Assert.Equal("uses 1 of your 2 skills", devops.Reasons[1]);
        Assert.All(matches, m => Assert.InRange(m.Score, 0, 1));
        Assert.All(matches, m => Assert.InRange(m.Coverage, 0, 1));
    }

    [SkippableFact]
    public async Task A_match_lists_the_requirements_one_has_and_lacks_core_first_then_most_important()
    {
        var store = await CreateStoreAsync();

        var matches = await store.FindCareerMatchesAsync(new CareerMatchesQuery(["tensorflow"]));

        var engineer = Assert.Single(matches);
        Assert.Equal("machine-learning-engineer", engineer.CareerId);
        Assert.Equal(["tensorflow"], engineer.MatchedSkills.Select(e => e.Target));
        // Python 1.0 and PyTorch 0.8 are core; Statistics 0.6 and Docker 0.4 are not.
        Assert.Equal(["python", "pytorch", "statistics", "docker"], engineer.MissingSkills.Select(e => e.Target));
        Assert.Equal((0.8, true), (engineer.MissingSkills[1].Importance, engineer.MissingSkills[1].Core));
        Assert.Equal("to learn: Python, PyTorch, Statistics and 1 more", engineer.Reasons[^1]);
    }

    [SkippableFact]
    public async Task Matches_stop_at_first_and_skills_no_career_requires_match_nothing()
    {
        var store = await CreateStoreAsync();

        var two = await store.FindCareerMatchesAsync(new CareerMatchesQuery(["python", "docker", "python"]) { First = 2 });

        Assert.Equal(["mlops-engineer", "machine-learning-engineer"], two.Select(m => m.CareerId));
        Assert.Equal("uses 2 of your 2 skills", two[0].Reasons[1]); // a skill given twice counts once
        Assert.Empty(await store.FindCareerMatchesAsync(new CareerMatchesQuery(["no-such-skill"])));
        Assert.Empty(await store.FindCareerMatchesAsync(new CareerMatchesQuery(["machine-learning-engineer"])));
    }

    [SkippableFact]
    public async Task A_skill_hundreds_of_careers_require_counts_less_than_a_rare_one()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ImportAsync(CommonExcelGraph());

        var matches = await store.FindCareerMatchesAsync(new CareerMatchesQuery(["excel", "sql"]) { First = 3 });

        // The analyst needs both; the modeller needs SQL and statistics; each clerk needs Excel alone, which 201 careers require.
        Assert.Equal(["analyst", "modeller", "clerk-0"], matches.Select(m => m.CareerId));
        var excel = (double)MoveWeights.CommonSkill / (2 * MoveWeights.CommonSkill + 1);
        Assert.Equal(MatchWeights.Score(1.0, 1.0), matches[0].Score);
        Assert.Equal(MatchWeights.Score(0.5, 1 / (1 + excel)), matches[1].Score);
        Assert.Equal(MatchWeights.Score(1.0, excel / (1 + excel)), matches[2].Score);
        Assert.True(matches[2].Coverage > matches[1].Coverage, "The clerk has all it requires, yet ranks below the modeller.");
        Assert.Contains("Excel counts less: 201 careers require it", matches[2].Reasons);
    }

    [SkippableFact]
    public async Task Max_job_zone_leaves_out_careers_that_need_more_preparation_or_have_no_job_zone()
    {
        var store = await CreateEmptyStoreAsync();
        Career Zoned(string id, int? zone) => new(id, id) { JobZone = zone };
        Edge Requires(string career) => new(career, "sql", EdgeKind.Requires) { Importance = 1.0, Core = true };
        await store.ImportAsync(new GraphDocument(
            [Zoned("clerk", 2), Zoned("analyst", 4), Zoned("architect", 5), Zoned("unknown", null)],
            [new Skill("sql", "SQL")], [], [Requires("clerk"), Requires("analyst"), Requires("architect"), Requires("unknown")], []));

        var all = await store.FindCareerMatchesAsync(new CareerMatchesQuery(["sql"]));
        var upTo4 = await store.FindCareerMatchesAsync(new CareerMatchesQuery(["sql"]) { MaxJobZone = 4 });

        Assert.Equal(["analyst", "architect", "clerk", "unknown"], all.Select(m => m.CareerId)); // equal scores, by name
        Assert.Equal(["analyst", "clerk"], upTo4.Select(m => m.CareerId));
        Assert.Equal("job zone 4", upTo4[0].Reasons[^1]);
    }

    /// <summary>Excel required by twice <see cref="MoveWeights.CommonSkill"/> clerks and an analyst; SQL by the analyst and a modeller.</summary>
    private static GraphDocument CommonExcelGraph()
    {
        Edge Requires(string career, string skill) => new(career, skill, EdgeKind.Requires) { Importance = 1.0, Core = true };
        var clerks = Enumerable.Range(0, 2 * MoveWeights.CommonSkill).Select(i => new Career($"clerk-{i}", $"Clerk {i:000}")).ToList();
        return new GraphDocument(
            [new Career("analyst", "Analyst"), new Career("modeller", "Modeller"), .. clerks],
            [new Skill("excel", "Excel"), new Skill("sql", "SQL"), new Skill("statistics", "Statistics")],
            [],
            [
                Requires("analyst", "excel"), Requires("analyst", "sql"), Requires("modeller", "sql"), Requires("modeller", "statistics"),
                .. clerks.Select(c => Requires(c.Id, "excel")),
            ],
            []);
    }
}
