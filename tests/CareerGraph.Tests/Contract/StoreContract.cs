using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Tests.Contract;

/// <summary>
/// The behaviour every backend must have. Each backend's test class derives from this and says how to
/// make an empty store; every test then loads <see cref="ContractGraph"/> and asks its questions.
/// A backend that needs a server skips (Skip.If) in <see cref="CreateEmptyStoreAsync"/> when none is there.
/// </summary>
public abstract partial class StoreContract
{
    /// <summary>A new, empty store of the backend under test.</summary>
    protected abstract Task<ICareerGraphStore> CreateEmptyStoreAsync();

    protected async Task<ICareerGraphStore> CreateStoreAsync()
    {
        var store = await CreateEmptyStoreAsync();
        await store.ImportAsync(ContractGraph.Document);
        return store;
    }

    [SkippableFact]
    public async Task Nodes_are_fetched_in_batch_by_id_and_unknown_ids_are_left_out()
    {
        var store = await CreateStoreAsync();
        var nodes = await store.GetNodesAsync(["python", "machine-learning-engineer", "technology", "no-such-node"]);
        Assert.Equal(["machine-learning-engineer", "python", "technology"], nodes.Select(n => n.Id).Order());
        var career = Assert.IsType<Career>(nodes.Single(n => n.Id == "machine-learning-engineer"));
        Assert.Equal("Machine Learning Engineer", career.Name);
        Assert.Equal(["Build models.", "Deploy models."], career.Duties);
        Assert.Equal(["Computer, AI & Data"], career.Categories);
        Assert.True(Assert.IsType<Skill>(nodes.Single(n => n.Id == "python")).Hot);
    }

    [SkippableFact]
    public async Task A_career_that_specialises_another_is_a_specialisation()
    {
        var store = await CreateStoreAsync();
        var nodes = await store.GetNodesAsync(["mlops-engineer", "machine-learning-engineer"]);
        Assert.True(nodes.OfType<Career>().Single(c => c.Id == "mlops-engineer").IsSpecialisation);
        Assert.False(nodes.OfType<Career>().Single(c => c.Id == "machine-learning-engineer").IsSpecialisation);
    }

    [SkippableTheory]
    [InlineData("machine-learning-engineer")]
    [InlineData("Machine Learning Engineer")]
    [InlineData("  machine LEARNING engineer ")]
    [InlineData("ML Engineer")]
    [InlineData("ml engineer")]
    public async Task A_career_resolves_by_id_name_or_alias_ignoring_case(string reference)
    {
        var store = await CreateStoreAsync();
        var found = await store.ResolveAsync(reference, NodeKind.Career);
        Assert.Equal("machine-learning-engineer", Assert.Single(found).Id);
    }

    [SkippableFact]
    public async Task An_alias_naming_several_careers_resolves_to_all_of_them()
    {
        var store = await CreateStoreAsync();
        var found = await store.ResolveAsync("ai specialist");
        Assert.Equal(["ai-implementation-specialist", "generative-ai-specialist"], found.Select(n => n.Id).Order());
    }

    [SkippableFact]
    public async Task Resolving_with_a_kind_ignores_other_kinds()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.ResolveAsync("python", NodeKind.Career));
        Assert.Equal("kubernetes", Assert.Single(await store.ResolveAsync("K8S", NodeKind.Skill)).Id);
    }

    [SkippableFact]
    public async Task Edges_are_fetched_for_many_nodes_at_once_in_either_direction()
    {
        var store = await CreateStoreAsync();
        var requires = await store.GetEdgesAsync(["machine-learning-engineer", "cloud-engineer"], EdgeKind.Requires, Direction.Outgoing);
        Assert.Equal(10, requires.Count);
        var python = requires.Single(e => e.Source == "machine-learning-engineer" && e.Target == "python");
        Assert.Equal(1.0, python.Importance);
        Assert.True(python.Core);

        var specialisations = await store.GetEdgesAsync(["machine-learning-engineer"], EdgeKind.SpecialisationOf, Direction.Incoming);
        Assert.Equal(["computer-vision-engineer", "mlops-engineer"], specialisations.Select(e => e.Source).Order());

        var seeAlso = await store.GetEdgesAsync(["cloud-engineer"], EdgeKind.SeeAlso, Direction.Both);
        Assert.Equal(3, seeAlso.Count);
        var weak = seeAlso.Single(e => e.Source == "machine-learning-engineer");
        Assert.Equal(0.3, weak.Weight);
        Assert.Equal(2, weak.Tier);
    }

    [SkippableFact]
    public async Task Aliases_are_fetched_for_many_nodes_at_once()
    {
        var store = await CreateStoreAsync();
        var aliases = await store.GetAliasesAsync(["machine-learning-engineer", "kubernetes", "python"]);
        Assert.Equal(["k8s", "ML Engineer"], aliases.Select(a => a.Name).Order(StringComparer.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task Careers_are_paged_in_name_order_with_a_total()
    {
        var store = await CreateStoreAsync();
        var first = await store.FindCareersAsync(new CareerQuery(new PageRequest(0, 4)));
        var second = await store.FindCareersAsync(new CareerQuery(new PageRequest(4, 4)));
        Assert.Equal(9, first.TotalCount);
        Assert.Equal(["AI Implementation Specialist", "Cloud Engineer", "Computer Vision Engineer", "Data Engineer"], first.Items.Select(c => c.Name));
        Assert.Equal(["DevOps Engineer", "Generative AI Specialist", "Machine Learning Engineer", "Marine Engineer"], second.Items.Select(c => c.Name));
        Assert.True(second.HasNextPage);
    }

    [SkippableFact]
    public async Task Careers_are_filtered_by_skill_industry_name_category_and_specialisation()
    {
        var store = await CreateStoreAsync();
        async Task<string[]> Ids(CareerQuery query) => [.. (await store.FindCareersAsync(query)).Items.Select(c => c.Id)];
        var page = new PageRequest(0, 50);

        Assert.Equal(["cloud-engineer", "devops-engineer"], await Ids(new CareerQuery(page) { HasSkill = "terraform" }));
        Assert.Equal(["cloud-engineer", "machine-learning-engineer"], await Ids(new CareerQuery(page) { InIndustry = "technology" }));
        Assert.Equal(["computer-vision-engineer", "mlops-engineer"], await Ids(new CareerQuery(page) { IsSpecialisation = true }));
        Assert.Equal(["marine-engineer"], await Ids(new CareerQuery(page) { Category = "marine & naval" }));
        Assert.Equal(["cloud-engineer", "devops-engineer", "machine-learning-engineer", "mlops-engineer"], await Ids(new CareerQuery(page) { NameContains = "engineer", HasSkill = "docker" }));
        Assert.Equal(["machine-learning-engineer", "marine-engineer"], await Ids(new CareerQuery(page) { NameContains = "MA" }));
        Assert.Equal(["mlops-engineer", "machine-learning-engineer"], await Ids(new CareerQuery(page) { HasSkill = "pytorch", Sort = SortOrder.NameDescending }));
    }

    [SkippableFact]
    public async Task Skills_and_industries_are_paged_and_filtered()
    {
        var store = await CreateStoreAsync();
        var hot = await store.FindSkillsAsync(new SkillQuery(new PageRequest(0, 10)) { Hot = true });
        Assert.Equal(["Docker", "Python", "PyTorch"], hot.Items.Select(s => s.Name));
        var forCloud = await store.FindSkillsAsync(new SkillQuery(new PageRequest(0, 2)) { RequiredBy = "cloud-engineer" });
        Assert.Equal(5, forCloud.TotalCount);
        Assert.Equal(["Amazon Web Services", "Docker"], forCloud.Items.Select(s => s.Name));
        var industries = await store.FindIndustriesAsync(new IndustryQuery(new PageRequest(0, 10)) { NameContains = "i" });
        Assert.Equal(["Finance", "Maritime"], industries.Items.Select(i => i.Name));
    }

    [SkippableTheory]
    [InlineData("Python", "python")]
    [InlineData("pyth", "python")]
    [InlineData("pyhton", "python")]
    [InlineData("kubernets", "kubernetes")]
    [InlineData("k8s", "kubernetes")]
    [InlineData("machine lerning engineer", "machine-learning-engineer")]
    [InlineData("ML Engineer", "machine-learning-engineer")]
    [InlineData("cloud", "cloud-engineer")]
    public async Task Search_ranks_the_closest_name_or_alias_first_and_forgives_small_typos(string text, string expected)
    {
        var store = await CreateStoreAsync();
        var hits = await store.SearchAsync(new SearchQuery(text, new HashSet<NodeKind>(), 5));
        Assert.Equal(expected, hits[0].Node.Id);
        Assert.All(hits, h => Assert.InRange(h.Score, 0.0, 1.0));
    }

    [SkippableFact]
    public async Task Search_is_limited_to_the_kinds_asked_for()
    {
        var store = await CreateStoreAsync();
        var hits = await store.SearchAsync(new SearchQuery("engineer", new HashSet<NodeKind> { NodeKind.Skill }, 10));
        Assert.Empty(hits);
        var careers = await store.SearchAsync(new SearchQuery("engineer", new HashSet<NodeKind> { NodeKind.Career }, 3));
        Assert.Equal(3, careers.Count);
        Assert.All(careers, h => Assert.Equal(NodeKind.Career, h.Node.Kind));
    }

    [SkippableFact]
    public async Task Path_from_ml_engineer_to_cloud_engineer_passes_mlops()
    {
        var store = await CreateStoreAsync();
        var path = Assert.Single(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer")));
        Assert.Equal(["machine-learning-engineer", "mlops-engineer", "cloud-engineer"], path.Careers);
        Assert.Equal([EdgeKind.SpecialisationOf, EdgeKind.SeeAlso], path.Edges.Select(e => e.Kind));
        Assert.Equal(2, path.Hops);
    }

    [SkippableFact]
    public async Task A_weak_cross_link_is_walked_only_when_min_weight_allows_it()
    {
        var store = await CreateStoreAsync();
        var path = Assert.Single(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { MinWeight = 0.1 }));
        Assert.Equal(["machine-learning-engineer", "cloud-engineer"], path.Careers);
    }

    [SkippableFact]
    public async Task K_paths_are_loopless_distinct_and_ordered_by_hops_then_strength()
    {
        var store = await CreateStoreAsync();
        var paths = await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { K = 5 });
        Assert.Equal(
            [
                "machine-learning-engineer>mlops-engineer>cloud-engineer",
                "machine-learning-engineer>mlops-engineer>devops-engineer>cloud-engineer",
                "machine-learning-engineer>data-engineer>devops-engineer>cloud-engineer",
                "machine-learning-engineer>data-engineer>devops-engineer>mlops-engineer>cloud-engineer",
            ],
            paths.Select(r => string.Join('>', r.Careers)));
        Assert.All(paths, r => Assert.Equal(r.Careers.Count, r.Careers.Distinct().Count()));
    }

    [SkippableFact]
    public async Task Paths_keep_to_the_edge_kinds_and_hop_limit_asked_for()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { Via = [EdgeKind.SpecialisationOf] }));
        Assert.Empty(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { MaxHops = 1 }));
        var seeAlsoOnly = Assert.Single(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { Via = [EdgeKind.SeeAlso] }));
        Assert.Equal(["machine-learning-engineer", "data-engineer", "devops-engineer", "cloud-engineer"], seeAlsoOnly.Careers);
    }

    [SkippableFact]
    public async Task There_is_no_path_to_an_unconnected_career()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.FindPathsAsync(new PathQuery("machine-learning-engineer", "generative-ai-specialist") { MaxHops = 8 }));
    }

    [SkippableFact]
    public async Task A_neighbourhood_holds_the_nodes_within_depth_and_the_edges_among_them()
    {
        var store = await CreateStoreAsync();
        var graph = await store.GetNeighbourhoodAsync(new NeighbourhoodQuery("mlops-engineer") { Depth = 1 });
        Assert.Equal(
            ["cloud-engineer", "devops-engineer", "docker", "kubernetes", "machine-learning-engineer", "mlops-engineer", "python", "pytorch"],
            graph.Nodes.Select(n => n.Id).Order());
        Assert.Contains(graph.Edges, e => e.Source == "devops-engineer" && e.Target == "cloud-engineer" && e.Kind == EdgeKind.SeeAlso);
        Assert.Contains(graph.Edges, e => e.Source == "machine-learning-engineer" && e.Target == "python");
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.Source) && ids.Contains(e.Target)));
        Assert.False(graph.Truncated);
    }

    [SkippableFact]
    public async Task A_neighbourhood_follows_only_the_edge_kinds_asked_for_and_stops_at_max_nodes()
    {
        var store = await CreateStoreAsync();
        var careers = await store.GetNeighbourhoodAsync(new NeighbourhoodQuery("machine-learning-engineer") { Depth = 2, EdgeKinds = [EdgeKind.SpecialisationOf] });
        Assert.Equal(["computer-vision-engineer", "machine-learning-engineer", "mlops-engineer"], careers.Nodes.Select(n => n.Id).Order());
        Assert.All(careers.Edges, e => Assert.Equal(EdgeKind.SpecialisationOf, e.Kind));

        var capped = await store.GetNeighbourhoodAsync(new NeighbourhoodQuery("machine-learning-engineer") { Depth = 2, MaxNodes = 4 });
        Assert.Equal(4, capped.Nodes.Count);
        Assert.Equal("machine-learning-engineer", capped.Nodes[0].Id);
        Assert.True(capped.Truncated);
    }

    [SkippableFact]
    public async Task Stats_count_nodes_edges_and_aliases_by_kind()
    {
        var store = await CreateStoreAsync();
        var stats = await store.GetStatsAsync();
        Assert.Equal(9, stats.Nodes[NodeKind.Career]);
        Assert.Equal(10, stats.Nodes[NodeKind.Skill]);
        Assert.Equal(3, stats.Nodes[NodeKind.Industry]);
        Assert.Equal(20, stats.Edges[EdgeKind.Requires]);
        Assert.Equal(7, stats.Edges[EdgeKind.SeeAlso]);
        Assert.Equal(6, stats.AliasLinks);
        Assert.Equal(5, stats.AliasNames);
    }

    [SkippableFact]
    public async Task Importing_the_same_document_twice_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var before = await store.GetStatsAsync();
        var again = await store.ImportAsync(ContractGraph.Document);
        Assert.NotNull(again);
        Assert.Equal(0, again.Created);
        Assert.Equal(0, again.Updated);
        Assert.True(again.Unchanged > 0);
        Assert.Equivalent(before, await store.GetStatsAsync());
    }

    [SkippableFact]
    public async Task An_import_under_a_once_key_is_skipped_the_second_time()
    {
        var store = await CreateEmptyStoreAsync();
        var options = new ImportOptions { OnceKey = "seeds:test" };
        Assert.False(await store.WasImportedAsync("seeds:test"));
        Assert.NotNull(await store.ImportAsync(ContractGraph.Document, options));
        Assert.True(await store.WasImportedAsync("seeds:test"));
        Assert.False(await store.WasImportedAsync("seeds:other"));
        var renamed = ContractGraph.Document with { Careers = [new Career("cloud-engineer", "Renamed")] };
        Assert.Null(await store.ImportAsync(renamed, options));
        Assert.Equal("Cloud Engineer", (await store.GetNodesAsync(["cloud-engineer"])).Single().Name);
    }

    [SkippableFact]
    public async Task An_import_updates_what_changed()
    {
        var store = await CreateStoreAsync();
        var change = GraphDocument.Empty with
        {
            Careers = [new Career("cloud-engineer", "Cloud Engineer") { Description = "Runs the cloud." }],
            Edges = [new Edge("mlops-engineer", "cloud-engineer", EdgeKind.SeeAlso) { Weight = 0.6, Tier = 1 }],
        };
        var result = await store.ImportAsync(change);
        Assert.Equal(new ImportResult(0, 2, 0), result);
        Assert.Equal("Runs the cloud.", (await store.GetNodesAsync(["cloud-engineer"])).Single().Description);
        var edge = (await store.GetEdgesAsync(["mlops-engineer"], EdgeKind.SeeAlso, Direction.Outgoing)).Single(e => e.Target == "cloud-engineer");
        Assert.Equal(0.6, edge.Weight);
    }

    [SkippableFact]
    public async Task An_import_that_breaks_a_rule_stores_nothing()
    {
        var store = await CreateStoreAsync();
        var before = await store.ExportAsync();
        var broken = GraphDocument.Empty with
        {
            Careers = [new Career("new-career", "New Career")],
            Edges =
            [
                new Edge("new-career", "no-such-skill", EdgeKind.Requires) { Importance = 0.5 },
                new Edge("machine-learning-engineer", "mlops-engineer", EdgeKind.SpecialisationOf),
            ],
        };
        var error = await Assert.ThrowsAsync<GraphRuleException>(() => store.ImportAsync(broken));
        Assert.Contains(error.Violations, v => v.Code == RuleCodes.UnknownReference);
        Assert.Contains(error.Violations, v => v.Code == RuleCodes.SpecialisationCycle);
        Assert.Empty(await store.GetNodesAsync(["new-career"]));
        var after = await store.ExportAsync();
        Assert.Equal(before.Edges.Count, after.Edges.Count);
    }

    [SkippableFact]
    public async Task An_import_that_would_change_the_kind_of_a_stored_node_is_refused()
    {
        var store = await CreateStoreAsync();
        var error = await Assert.ThrowsAsync<GraphRuleException>(() => store.ImportAsync(GraphDocument.Empty with { Careers = [new Career("python", "Python")] }));

        var problem = Assert.Single(error.Violations);
        Assert.Equal((RuleCodes.WrongKind, "python", "id"), (problem.Code, problem.Subject, problem.Field));
        Assert.IsType<Skill>(Assert.Single(await store.GetNodesAsync(["python"])));
    }

    [SkippableFact]
    public async Task Export_returns_the_whole_graph()
    {
        var store = await CreateStoreAsync();
        var exported = await store.ExportAsync();
        var expected = ContractGraph.Document;
        Assert.Equal(expected.Careers.Select(c => c.Id).Order(), exported.Careers.Select(c => c.Id).Order());
        Assert.Equal(expected.Skills.Select(c => c.Id).Order(), exported.Skills.Select(c => c.Id).Order());
        Assert.Equal(expected.Industries.Select(c => c.Id).Order(), exported.Industries.Select(c => c.Id).Order());
        Assert.Equal(expected.Edges.Select(e => e.Id).Order(), exported.Edges.Select(e => e.Id).Order());
        Assert.Equal(expected.Aliases.Select(a => a.Key + a.TargetId).Order(), exported.Aliases.Select(a => a.Key + a.TargetId).Order());
    }
}
