using CareerGraph.Api.Cli;
using CareerGraph.Embedded;
using CareerGraph.Interchange.Onet;
using CareerGraph.Model;
using CareerGraph.Store;
using CareerGraph.Tests.Api;

namespace CareerGraph.Tests.Interchange;

/// <summary>
/// The real O*NET 27.0 release, imported with the command line (after the curated seeds) into the store of an
/// in-process service: once for all the facts below.
/// </summary>
public sealed class OnetReleaseFixture : IAsyncLifetime
{
    public CareerGraphApp App { get; } = new();
    public string FirstImport { get; private set; } = "";
    public string SecondImport { get; private set; } = "";
    public OnetDatabase? Database { get; private set; }

    public async Task InitializeAsync()
    {
        if (RepoPaths.OnetData is not { } data) return;
        Database = OnetDatabase.Read(data);
        FirstImport = await Import(data);
        SecondImport = await Import(data);
    }

    private async Task<string> Import(string data)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var outcome = await CareerGraphCli.InvokeAsync(
            ["import", "onet", data, $"--CareerGraph:Embedded:Path={App.DatabasePath}", $"--CareerGraph:Seeds:Path={RepoPaths.Seeds}"],
            Terminal.Plain(output, error));
        Assert.True(outcome.ExitCode == 0, $"import onet failed: {error}");
        return output + error.ToString();
    }

    /// <summary>The stored graph, read through a store of its own on the same file.</summary>
    public async Task<T> WithStore<T>(Func<ICareerGraphStore, Task<T>> read)
    {
        using var store = SqliteGraphStore.Open(App.DatabasePath);
        return await read(store);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class OnetReleaseTests(OnetReleaseFixture onet) : IClassFixture<OnetReleaseFixture>
{
    [OnetFact]
    public void The_release_reads_without_a_single_skipped_row()
    {
        Assert.Empty(onet.Database!.Skipped);
        Assert.Equal(1016, onet.Database.Occupations.Count);
        Assert.Equal(18460, onet.Database.Relations.Count);
    }

    [OnetFact]
    public async Task Every_occupation_is_a_career_in_its_family_and_every_related_occupation_a_see_also_link()
    {
        var stats = await onet.WithStore(store => store.GetStatsAsync());
        var seeds = CareerGraph.Interchange.Seeding.SeedFiles.Read(RepoPaths.Seeds);
        Assert.Equal(seeds.Careers.Count + 1016, stats.Nodes[NodeKind.Career]);
        Assert.Equal(seeds.Industries.Count + OccupationFamilies.Count, stats.Nodes[NodeKind.Industry]);
        Assert.True(stats.Nodes[NodeKind.Skill] > 8000, $"Only {stats.Nodes[NodeKind.Skill]} skills.");
        var curatedLinks = stats.Edges[EdgeKind.SeeAlso] - seeds.Edges.Count(e => e.Kind == EdgeKind.SeeAlso) - 18460;
        Assert.InRange(curatedLinks, 1, 500);
        Assert.Equal(seeds.Edges.Count(e => e.Kind == EdgeKind.InIndustry) + 1016, stats.Edges[EdgeKind.InIndustry]);
    }

    [OnetFact]
    public void A_second_import_of_the_release_changes_nothing()
    {
        // The updates: curated skills that O*NET flags as hot.
        Assert.Matches(@"Stored: [1-9][\d,]* created, [1-9][\d,]* updated, 0 unchanged\.", onet.FirstImport);
        Assert.Matches(@"Stored: 0 created, 0 updated, [1-9][\d,]* unchanged\.", onet.SecondImport);
    }

    [OnetFact]
    public async Task A_title_of_several_occupations_resolves_to_all_of_them()
    {
        var found = await onet.WithStore(store => store.ResolveAsync("Data Architect", NodeKind.Career));
        Assert.Equal(["onet-15-1243-00", "onet-15-2051-00"], found.Select(n => n.Id));
        var cloud = await onet.WithStore(store => store.GetAliasesAsync(["onet-15-1231-00", "onet-15-1251-00", "onet-15-1299-05"]));
        Assert.Equal(3, cloud.Count(a => a.Name == "Cloud Engineer"));
    }

    [OnetFact]
    public async Task Related_occupations_keep_their_tier_and_rank_as_weight()
    {
        var links = (await onet.WithStore(store => store.GetEdgesAsync(["onet-15-1252-00"], EdgeKind.SeeAlso, Direction.Outgoing)))
            .ToDictionary(e => e.Target);
        Assert.Equal((1, 0.9), (links["onet-15-1299-08"].Tier, links["onet-15-1299-08"].Weight));     // Primary-Short, index 1
        Assert.Equal((2, 0.6), (links["onet-15-1243-00"].Tier, links["onet-15-1243-00"].Weight));     // Primary-Long, index 6
        Assert.Equal((3, 0.4), (links["onet-17-2199-05"].Tier, links["onet-17-2199-05"].Weight));     // Supplemental, index 11
    }

    [OnetFact]
    public async Task A_hot_technology_is_a_hot_skill_and_a_core_requirement()
    {
        var excel = Assert.IsType<Skill>(Assert.Single(await onet.WithStore(store => store.ResolveAsync("Microsoft Excel", NodeKind.Skill))));
        Assert.True(excel.Hot);
        Assert.Equal("Spreadsheet software", excel.Category);
        var requires = await onet.WithStore(store => store.GetEdgesAsync(["onet-15-1252-00"], EdgeKind.Requires, Direction.Outgoing));
        var python = requires.Single(e => e.Target == "python");
        Assert.Equal((0.8, true), (python.Importance, python.Core));
    }

    [OnetFact]
    public async Task The_curated_machine_learning_engineer_is_weakly_linked_to_its_onet_occupation_by_the_title_not_duplicated()
    {
        var links = await onet.WithStore(store => store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.SeeAlso, Direction.Outgoing));
        var link = links.Single(e => e.Target == "onet-15-1299-08");
        Assert.Equal((OnetMapping.UniqueTitleLinkWeight, OnetMapping.UniqueTitleLinkTier, "Shared job title: Machine Learning Engineer"), (link.Weight, link.Tier, link.Reason));
        var byName = await onet.WithStore(store => store.ResolveAsync("Machine Learning Engineer", NodeKind.Career));
        Assert.Equal("machine-learning-engineer", Assert.Single(byName).Id);
        var aliases = await onet.WithStore(store => store.GetAliasesAsync(["onet-15-1299-08"]));
        Assert.Contains(aliases, a => a.Name == "Machine Learning Engineer");
    }

    [OnetFact]
    public async Task Curated_skills_keep_the_hot_flag_onet_gives_their_technologies()
    {
        var ids = new[] { "python", "javascript", "docker", "git", "azure", "c-plus-plus", "linux", "r", "go", "scala", "spark", "hadoop" };
        var skills = await onet.WithStore(store => store.GetNodesAsync(ids));
        Assert.Equal(ids.Order(), skills.Select(s => s.Id).Order());
        Assert.All(skills, s => Assert.True(((Skill)s).Hot, $"{s.Id} is hot in O*NET."));
        Assert.All(skills, s => Assert.NotEqual("onet", s.Source));
        var data = await onet.App.QueryAsync("""{ skill(name: "Python") { hot source } }""");
        Assert.True(data["skill"]!["hot"]!.GetValue<bool>());
    }

    [OnetFact]
    public async Task Resolving_cloud_engineer_lists_the_curated_career_first_then_every_onet_occupation_with_that_title()
    {
        var data = await onet.App.QueryAsync("""{ resolve(reference: "Cloud Engineer", kind: CAREER) { id source } }""");
        var ids = data["resolve"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["cloud-engineer", "onet-15-1231-00", "onet-15-1251-00", "onet-15-1299-05"], ids);
        var career = await onet.App.QueryAsync("""{ career(name: "Cloud Engineer") { id } }""");
        Assert.Equal("cloud-engineer", career["career"]!["id"]!.GetValue<string>());
        var scientist = await onet.WithStore(store => store.ResolveEveryMeaningAsync("Data Scientist", NodeKind.Career));
        Assert.Equal("data-scientist", scientist[0].Id);
        Assert.Contains(scientist, n => n.Source == "onet");
    }

    [OnetFact]
    public async Task Onet_c_stays_c_so_civil_engineers_do_not_require_c_plus_plus()
    {
        var civil = (await onet.WithStore(store => store.GetEdgesAsync(["onet-17-2051-00", "onet-11-2021-00"], EdgeKind.Requires, Direction.Outgoing))).ToLookup(e => e.Source, e => e.Target);
        Assert.DoesNotContain("c-plus-plus", civil["onet-17-2051-00"]);
        Assert.DoesNotContain("c-plus-plus", civil["onet-11-2021-00"]);
        var c = Assert.IsType<Skill>(Assert.Single(await onet.WithStore(store => store.ResolveAsync("C", NodeKind.Skill))));
        Assert.Equal("onet", c.Source);
        Assert.Contains(c.Id, civil["onet-17-2051-00"]);
        foreach (var (technology, curated) in new[] { ("GNU Octave", "matlab"), ("Tableau", "data-visualisation"), ("UNIX", "linux"), ("Bash", "linux"), ("GitHub", "git") })
            Assert.DoesNotContain(curated, (await onet.WithStore(store => store.ResolveEveryMeaningAsync(technology, NodeKind.Skill))).Where(n => n.Source == "onet").Select(n => n.Id).Append("-"));
    }

    [OnetFact]
    public async Task Every_mapped_technology_is_in_the_reviewed_table_and_names_a_curated_skill()
    {
        var map = TechnologyMap.Read(RepoPaths.Seeds);
        var skills = await onet.WithStore(store => store.GetNodesAsync([.. map.Entries.Select(e => e.Skill)]));
        Assert.Equal(map.Entries.Select(e => e.Skill).Distinct().Order(), skills.Select(s => s.Id).Order());
        Assert.All(map.Entries, e => Assert.Contains(Names.Key(e.Technology), onet.Database!.Technologies.Select(t => Names.Key(t.Example))));
        var java = await onet.WithStore(store => store.ResolveAsync("Oracle Java", NodeKind.Skill));
        Assert.Equal("java", Assert.Single(java).Id);
    }

    [OnetFact]
    public async Task The_top_three_hits_for_cloud_are_careers_not_products()
    {
        var data = await onet.App.QueryAsync("""{ search(text: "cloud", first: 3) { node { id kind } matched } }""");
        var hits = data["search"]!.AsArray();
        Assert.Equal("cloud-engineer", hits[0]!["node"]!["id"]!.GetValue<string>());
        Assert.All(hits, h => Assert.Equal("CAREER", h!["node"]!["kind"]!.GetValue<string>()));
    }

    [OnetFact]
    public async Task The_service_walks_a_path_between_two_onet_occupations()
    {
        var data = await onet.App.QueryAsync("""
            { path(from: "Web Developers", to: "Computer Systems Engineers/Architects") {
                hops steps { career { id name } via } } }
            """);
        var steps = data["path"]!["steps"]!.AsArray();
        Assert.Equal("onet-15-1254-00", steps[0]!["career"]!["id"]!.GetValue<string>());
        Assert.Equal("onet-15-1299-08", steps[^1]!["career"]!["id"]!.GetValue<string>());
        Assert.True(data["path"]!["hops"]!.GetValue<int>() >= 1);
        Assert.All(steps.Skip(1), s => Assert.Equal("SEE_ALSO", s!["via"]!.GetValue<string>()));
    }

    [OnetFact]
    public async Task The_service_walks_from_a_curated_career_into_onet_only_when_title_links_are_allowed()
    {
        var data = await onet.App.QueryAsync("""{ path(from: "ML Engineer", to: "Software Developers", minWeight: 0.4) { hops careers: steps { career { id } via } } }""");
        Assert.Equal(["machine-learning-engineer", "onet-15-1299-08", "onet-15-1252-00"],
            data["path"]!["careers"]!.AsArray().Select(s => s!["career"]!["id"]!.GetValue<string>()));
        var byDefault = await onet.App.QueryAsync("""{ path(from: "ML Engineer", to: "Software Developers") { hops } }""");
        Assert.Null(byDefault["path"]);
    }
}
