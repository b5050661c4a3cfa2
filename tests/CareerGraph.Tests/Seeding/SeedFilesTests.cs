using CareerGraph.Embedded;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Tests.Seeding;

/// <summary>The curated seeds load, make the headline walk, and bad seeds are refused with file, path and reason.</summary>
public sealed class SeedFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void The_curated_seeds_are_valid()
    {
        var graph = SeedFiles.Read(RepoPaths.Seeds);
        Assert.True(graph.Careers.Count >= 140);
        Assert.Contains(graph.Aliases, a => a.Name == "ML Engineer" && a.TargetId == "machine-learning-engineer");
    }

    [Fact]
    public void The_seeds_have_the_career_page_facts()
    {
        var graph = SeedFiles.Read(RepoPaths.Seeds);
        var ml = graph.Careers.Single(c => c.Id == "machine-learning-engineer");
        Assert.Equal(7, ml.Duties.Count);
        var specialisations = graph.Edges.Where(e => e.Kind == EdgeKind.SpecialisationOf && e.Target == ml.Id).Select(e => e.Source).Order();
        Assert.Equal(
            ["applied-machine-learning-engineer", "computer-vision-engineer", "deep-learning-engineer", "mlops-engineer", "natural-language-processing-engineer", "research-machine-learning-engineer"],
            specialisations);
        var skills = graph.Edges.Where(e => e.Kind == EdgeKind.Requires && e.Source == ml.Id).Select(e => e.Target).ToHashSet();
        Assert.Superset(new HashSet<string> { "python", "r", "tensorflow", "pytorch", "statistics" }, skills);
        var seeAlso = graph.Edges.Where(e => e.Kind == EdgeKind.SeeAlso && e.Source == ml.Id).Select(e => e.Target).ToHashSet();
        Assert.Superset(new HashSet<string> { "cloud-engineer", "robotics-engineer", "ai-bias-auditor", "prompt-engineer", "wind-energy-engineer" }, seeAlso);
    }

    [Fact]
    public async Task Seeded_store_walks_from_ml_engineer_to_cloud_engineer_through_mlops()
    {
        using var store = SqliteGraphStore.Open(_folder.File("seeded.db"));
        await store.ImportAsync(SeedFiles.Read(RepoPaths.Seeds));
        var path = Assert.Single(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer")));
        Assert.Equal(["machine-learning-engineer", "mlops-engineer", "cloud-engineer"], path.Careers);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var folder = _folder.CopyOfSeeds();
        File.Delete(Path.Combine(folder, "skills.json"));
        var error = Assert.Throws<SeedException>(() => SeedFiles.Read(folder));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("skills.json", problem.File);
        Assert.Equal("SEED_FILE_MISSING", problem.Code);
    }

    [Fact]
    public void A_syntax_error_names_the_file_and_line()
    {
        var folder = _folder.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "industries.json"), "{\n  \"industries\": [\n    { \"id\": \"x\", \"name\": \"X\" },,\n  ]\n}");
        var problem = Assert.Single(Assert.Throws<SeedException>(() => SeedFiles.Read(folder)).Problems);
        Assert.Equal("industries.json", problem.File);
        Assert.Equal("SEED_SYNTAX", problem.Code);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void An_unknown_property_is_refused_so_typos_do_not_vanish()
    {
        var folder = _folder.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "industries.json"), """{ "industries": [ { "id": "x", "name": "X", "descripton": "typo" } ] }""");
        var problem = Assert.Single(Assert.Throws<SeedException>(() => SeedFiles.Read(folder)).Problems);
        Assert.Equal("SEED_SYNTAX", problem.Code);
        Assert.Contains("descripton", problem.ToString());
    }

    [Fact]
    public void A_missing_required_property_is_refused()
    {
        var folder = _folder.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "industries.json"), """{ "industries": [ { "id": "x" } ] }""");
        var problem = Assert.Single(Assert.Throws<SeedException>(() => SeedFiles.Read(folder)).Problems);
        Assert.Equal("SEED_SYNTAX", problem.Code);
        Assert.Contains("name", problem.Message);
    }

    [Fact]
    public void Broken_references_and_rules_are_reported_with_their_json_paths()
    {
        var folder = _folder.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "careers.json"), """
            { "careers": [
              { "id": "a-career", "name": "A Career", "skills": [ { "skill": "python", "importance": 0.5 }, { "skill": "no-such-skill" } ] },
              { "id": "b-career", "name": "B Career", "seeAlso": [ { "career": "b-career", "weight": 2 } ], "specialisationOf": "c-career" },
              { "id": "c-career", "name": "C Career", "specialisationOf": "b-career" },
              { "id": "Bad Id", "name": "Bad" }
            ] }
            """);
        var problems = Assert.Throws<SeedException>(() => SeedFiles.Read(folder)).Problems;
        Assert.Contains(problems, p => p is { File: "careers.json", Path: "$.careers[0].skills[1]", Code: RuleCodes.UnknownReference });
        Assert.Contains(problems, p => p is { Path: "$.careers[1].seeAlso[0]", Code: RuleCodes.SelfLink });
        Assert.Contains(problems, p => p is { Path: "$.careers[1].seeAlso[0]", Code: RuleCodes.OutOfRange });
        Assert.Contains(problems, p => p.Code == RuleCodes.SpecialisationCycle);
        Assert.Contains(problems, p => p is { Path: "$.careers[3]", Code: RuleCodes.InvalidId });
        Assert.Contains("careers.json: $.careers[0].skills[1]", Assert.Throws<SeedException>(() => SeedFiles.Read(folder)).Message);
    }

    [Fact]
    public async Task A_failed_seed_load_leaves_the_store_as_it_was()
    {
        using var store = SqliteGraphStore.Open(_folder.File("store.db"));
        var folder = _folder.CopyOfSeeds();
        File.WriteAllText(Path.Combine(folder, "careers.json"), """{ "careers": [ { "id": "a-career", "name": "A", "industries": ["nowhere"] } ] }""");
        Assert.Throws<SeedException>(() => SeedFiles.Read(folder));
        var stats = await store.GetStatsAsync();
        Assert.Equal(0, stats.Nodes.Values.Sum());
    }

    public void Dispose() => _folder.Dispose();
}
