using System.Text.Json.Nodes;

namespace CareerGraph.Tests.Api;

/// <summary>The read API over HTTP, on the curated seeds.</summary>
[Collection(SeededApp.Name)]
public sealed class QueryTests(CareerGraphApp app)
{
    private static string[] Names(JsonNode? list, string field = "name") =>
        [.. list!.AsArray().Select(n => n![field]!.GetValue<string>())];

    [Fact]
    public async Task The_walk_from_ml_engineer_to_cloud_engineer_passes_mlops_with_shared_skills_at_every_step()
    {
        var data = await app.QueryAsync("""
            { path(from: "ML Engineer", to: "Cloud Engineer") {
                hops
                steps { career { id name } via sharedWithPrevious { name } newSkills { name } }
                sharedSkills { name } } }
            """);
        var path = data["path"]!;
        Assert.Equal(2, path["hops"]!.GetValue<int>());
        var steps = path["steps"]!.AsArray();
        Assert.Equal(["Machine Learning Engineer", "MLOps Engineer", "Cloud Engineer"], steps.Select(s => s!["career"]!["name"]!.GetValue<string>()));
        Assert.Null(steps[0]!["via"]);
        Assert.Equal("SPECIALISATION_OF", steps[1]!["via"]!.GetValue<string>());
        Assert.Equal("SEE_ALSO", steps[2]!["via"]!.GetValue<string>());
        Assert.Contains("Python", Names(steps[1]!["sharedWithPrevious"]));
        Assert.Contains("Docker", Names(steps[2]!["sharedWithPrevious"]));
        Assert.Contains("Kubernetes", Names(steps[2]!["sharedWithPrevious"]));
        Assert.Empty(Names(steps[0]!["sharedWithPrevious"]));
        Assert.Contains("Python", Names(path["sharedSkills"]));
    }

    [Fact]
    public async Task Shared_and_new_skills_at_each_step_agree_with_the_careers_own_skills()
    {
        var data = await app.QueryAsync("""
            { path(from: "machine-learning-engineer", to: "cloud-engineer") {
                steps { career { skills { skill { id } } } sharedWithPrevious { id } newSkills { id } leftBehind { id } } } }
            """);
        var steps = data["path"]!["steps"]!.AsArray();
        for (var i = 1; i < steps.Count; i++)
        {
            var previous = Names(steps[i - 1]!["career"]!["skills"]!.AsArray().Select(s => s!["skill"]).ToJsonArray(), "id").ToHashSet();
            var current = Names(steps[i]!["career"]!["skills"]!.AsArray().Select(s => s!["skill"]).ToJsonArray(), "id").ToHashSet();
            Assert.Equal(current.Intersect(previous).Order(), Names(steps[i]!["sharedWithPrevious"], "id").Order());
            Assert.Equal(current.Except(previous).Order(), Names(steps[i]!["newSkills"], "id").Order());
            Assert.Equal(previous.Except(current).Order(), Names(steps[i]!["leftBehind"], "id").Order());
        }
    }

    [Fact]
    public async Task Paths_returns_k_distinct_walks_best_first()
    {
        var data = await app.QueryAsync("""{ paths(from: "ML Engineer", to: "Cloud Engineer", k: 3) { hops careers { id } } }""");
        var paths = data["paths"]!.AsArray();
        Assert.Equal(3, paths.Count);
        Assert.Equal(["machine-learning-engineer", "mlops-engineer", "cloud-engineer"], Names(paths[0]!["careers"], "id"));
        var hops = paths.Select(p => p!["hops"]!.GetValue<int>()).ToList();
        Assert.Equal(hops.Order(), hops);
        Assert.Equal(3, paths.Select(p => string.Join(">", Names(p!["careers"], "id"))).Distinct().Count());
    }

    [Fact]
    public async Task A_lower_min_weight_lets_the_walk_use_the_weak_cross_link()
    {
        var data = await app.QueryAsync("""{ path(from: "ML Engineer", to: "Cloud Engineer", minWeight: 0.1) { hops } }""");
        Assert.Equal(1, data["path"]!["hops"]!.GetValue<int>());
    }

    [Fact]
    public async Task Path_is_null_when_no_walk_fits_the_hop_limit()
    {
        var data = await app.QueryAsync("""{ path(from: "ML Engineer", to: "Cloud Engineer", maxHops: 1) { hops } }""");
        Assert.Null(data["path"]);
    }

    [Fact]
    public async Task A_career_has_its_aliases_skills_industries_specialisations_and_see_also()
    {
        var data = await app.QueryAsync("""
            { career(name: "ml engineer") {
                id name isSpecialisation aliases duties
                skills { skill { name } importance core }
                industries { name }
                specialisations { name }
                specialisationOf { name }
                seeAlso { career { name } weight tier } } }
            """);
        var career = data["career"]!;
        Assert.Equal("machine-learning-engineer", career["id"]!.GetValue<string>());
        Assert.False(career["isSpecialisation"]!.GetValue<bool>());
        Assert.Contains("ML Engineer", career["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(7, career["duties"]!.AsArray().Count);
        var skills = Names(career["skills"]!.AsArray().Select(s => s!["skill"]).ToJsonArray());
        Assert.Contains("Python", skills);
        Assert.Contains("TensorFlow", skills);
        Assert.Contains("PyTorch", skills);
        var importances = career["skills"]!.AsArray().Select(s => s!["importance"]!.GetValue<double>()).ToList();
        Assert.Equal(importances.OrderDescending(), importances);
        var industries = Names(career["industries"]);
        foreach (var expected in new[] { "Technology", "Finance", "Healthcare", "E-commerce", "Research" })
            Assert.Contains(expected, industries, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(6, career["specialisations"]!.AsArray().Count);
        Assert.Contains("MLOps Engineer", Names(career["specialisations"]));
        Assert.Empty(career["specialisationOf"]!.AsArray());
        var cloud = career["seeAlso"]!.AsArray().Single(s => s!["career"]!["name"]!.GetValue<string>() == "Cloud Engineer")!;
        Assert.Equal(0.3, cloud["weight"]!.GetValue<double>());
        Assert.Equal(2, cloud["tier"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_specialisation_knows_what_it_specialises()
    {
        var data = await app.QueryAsync("""{ career(id: "mlops-engineer") { isSpecialisation specialisationOf { id } } }""");
        Assert.True(data["career"]!["isSpecialisation"]!.GetValue<bool>());
        Assert.Equal(["machine-learning-engineer"], Names(data["career"]!["specialisationOf"], "id"));
    }

    [Fact]
    public async Task A_skill_lists_the_careers_requiring_it_and_its_aliases()
    {
        var data = await app.QueryAsync("""{ skill(name: "python") { id name aliases requiredBy(first: 500) { career { id } importance } } }""");
        var skill = data["skill"]!;
        Assert.Equal("python", skill["id"]!.GetValue<string>());
        var careers = skill["requiredBy"]!.AsArray().Select(r => r!["career"]!["id"]!.GetValue<string>()).ToList();
        Assert.Contains("machine-learning-engineer", careers);
        Assert.Contains("cloud-engineer", careers);
    }

    [Fact]
    public async Task Node_finds_any_kind_by_its_global_id()
    {
        var data = await app.QueryAsync("""
            { a: node(id: "mlops-engineer") { __typename id ... on Career { isSpecialisation } }
              b: node(id: "python") { __typename id }
              c: node(id: "technology") { __typename id }
              d: node(id: "no-such-id") { id }
              nodes(ids: ["python", "nope"]) { id } }
            """);
        Assert.Equal("Career", data["a"]!["__typename"]!.GetValue<string>());
        Assert.Equal("Skill", data["b"]!["__typename"]!.GetValue<string>());
        Assert.Equal("Industry", data["c"]!["__typename"]!.GetValue<string>());
        Assert.Null(data["d"]);
        Assert.Equal("python", data["nodes"]![0]!["id"]!.GetValue<string>());
        Assert.Null(data["nodes"]![1]);
    }

    [Fact]
    public async Task An_ambiguous_alias_is_an_error_that_lists_the_candidates()
    {
        var (_, body) = await app.PostAsync("""{ career(name: "AI Specialist") { id } }""");
        var error = body["errors"]![0]!;
        Assert.Equal("AMBIGUOUS_REFERENCE", error["extensions"]!["code"]!.GetValue<string>());
        var candidates = error["extensions"]!["data"]!["candidates"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Order();
        Assert.Equal(["ai-implementation-specialist", "generative-ai-specialist"], candidates);
        Assert.Contains("generative-ai-specialist", error["message"]!.GetValue<string>());

        var resolved = await app.QueryAsync("""{ resolve(reference: "ai specialist") { id } }""");
        Assert.Equal(2, resolved["resolve"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_unknown_career_in_a_path_is_a_not_found_error()
    {
        var (status, body) = await app.PostAsync("""{ path(from: "Astronaut Chef", to: "Cloud Engineer") { hops } }""");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal("NOT_FOUND", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("Astronaut Chef", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Null(body["data"]!["path"]);
    }

    [Fact]
    public async Task Careers_are_paged_with_cursors_and_a_total()
    {
        var first = await app.QueryAsync("""{ careers(first: 5) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }""");
        var page = first["careers"]!;
        Assert.True(page["totalCount"]!.GetValue<int>() > 100);
        Assert.Equal(5, page["edges"]!.AsArray().Count);
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        var second = await app.QueryAsync("query($after: String) { careers(first: 5, after: $after) { nodes { name } pageInfo { hasPreviousPage } } }", new { after });
        var firstNames = page["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()).ToList();
        var secondNames = Names(second["careers"]!["nodes"]);
        Assert.Empty(firstNames.Intersect(secondNames));
        Assert.True(string.Compare(firstNames[^1], secondNames[0], StringComparison.OrdinalIgnoreCase) <= 0);
        Assert.True(second["careers"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Careers_are_filtered_by_skill_industry_and_specialisation()
    {
        var data = await app.QueryAsync("""
            { specs: careers(first: 50, filter: { isSpecialisation: true }) { totalCount nodes { id } }
              tf: careers(first: 100, filter: { hasSkill: "TensorFlow" }) { nodes { id skills { skill { id } } } }
              fin: careers(first: 100, filter: { inIndustry: "finance", nameContains: "machine" }) { nodes { id } } }
            """);
        Assert.Equal(6, data["specs"]!["totalCount"]!.GetValue<int>());
        Assert.All(data["tf"]!["nodes"]!.AsArray(), c => Assert.Contains("tensorflow", c!["skills"]!.AsArray().Select(s => s!["skill"]!["id"]!.GetValue<string>())));
        Assert.Contains("machine-learning-engineer", Names(data["tf"]!["nodes"], "id"));
        Assert.Contains("machine-learning-engineer", Names(data["fin"]!["nodes"], "id"));
    }

    [Fact]
    public async Task Every_filter_field_is_read_from_a_literal_or_a_variable()
    {
        var data = await app.QueryAsync("""
            query Filters($skills: SkillFilter) {
              allSkills: skills(first: 1) { totalCount }
              hot: skills(first: 100, filter: { hot: true }) { totalCount nodes { hot } }
              notHot: skills(first: 100, filter: { hot: false }) { totalCount nodes { hot } }
              fromVariable: skills(first: 100, filter: $skills) { nodes { name category } }
              allCareers: careers(first: 1) { totalCount }
              inCategory: careers(first: 100, filter: { category: "Computer, AI & Data" }) { totalCount nodes { categories } }
              notSpecialised: careers(first: 1, filter: { isSpecialisation: false }) { totalCount }
              specialised: careers(first: 1, filter: { isSpecialisation: true }) { totalCount }
              industries(first: 50, filter: { nameContains: "FIN" }) { nodes { id } }
            }
            """, new { skills = new { nameContains = "py", category = "Framework or library" } });
        int Total(string field) => data[field]!["totalCount"]!.GetValue<int>();
        Assert.True(Total("notHot") > 0); // the seeds mark no skill hot (O*NET's import does)
        Assert.Equal(Total("allSkills"), Total("hot") + Total("notHot"));
        Assert.All(data["hot"]!["nodes"]!.AsArray(), s => Assert.True(s!["hot"]!.GetValue<bool>()));
        Assert.All(data["notHot"]!["nodes"]!.AsArray(), s => Assert.False(s!["hot"]!.GetValue<bool>()));
        Assert.Equal(["NumPy", "PyTorch"], Names(data["fromVariable"]!["nodes"]).Order(StringComparer.Ordinal));
        Assert.InRange(Total("inCategory"), 1, Total("allCareers") - 1);
        Assert.All(data["inCategory"]!["nodes"]!.AsArray(), c => Assert.Contains("Computer, AI & Data", c!["categories"]!.AsArray().Select(n => n!.GetValue<string>())));
        Assert.Equal(Total("allCareers"), Total("specialised") + Total("notSpecialised"));
        Assert.Equal(["finance"], Names(data["industries"]!["nodes"], "id"));
    }

    [Fact]
    public async Task Skills_and_industries_are_listed_and_filtered()
    {
        var data = await app.QueryAsync("""
            { skills(first: 3, filter: { requiredBy: "Cloud Engineer" }, orderBy: NAME_DESCENDING) { totalCount nodes { name } }
              industries(first: 50) { totalCount nodes { id name } } }
            """);
        var names = Names(data["skills"]!["nodes"]);
        Assert.Equal(names.OrderDescending(StringComparer.OrdinalIgnoreCase), names);
        Assert.Contains("technology", Names(data["industries"]!["nodes"], "id"));
    }

    [Fact]
    public async Task Search_ranks_names_and_aliases_and_forgives_typos()
    {
        var data = await app.QueryAsync("""
            { exact: search(text: "ML Engineer") { node { id } matched viaAlias score }
              typo: search(text: "pyhton", kinds: [SKILL], first: 3) { node { id kind } }
              careersOnly: search(text: "python", kinds: [CAREER]) { node { kind } } }
            """);
        var top = data["exact"]![0]!;
        Assert.Equal("machine-learning-engineer", top["node"]!["id"]!.GetValue<string>());
        Assert.True(top["viaAlias"]!.GetValue<bool>());
        Assert.Equal("python", data["typo"]![0]!["node"]!["id"]!.GetValue<string>());
        Assert.All(data["careersOnly"]!.AsArray(), h => Assert.Equal("CAREER", h!["node"]!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Shared_skills_and_skill_gap_compare_careers()
    {
        var data = await app.QueryAsync("""
            { sharedSkills(careers: ["ML Engineer", "MLOps Engineer", "Cloud Engineer"]) { id }
              skillGap(from: "ML Engineer", to: "Cloud Engineer") { from { id } to { id } keep { id } learn { id } leaveBehind { id } } }
            """);
        Assert.Contains("python", Names(data["sharedSkills"], "id"));
        var gap = data["skillGap"]!;
        Assert.Contains("python", Names(gap["keep"], "id"));
        Assert.Contains("kubernetes", Names(gap["learn"], "id"));
        Assert.Contains("tensorflow", Names(gap["leaveBehind"], "id"));
        Assert.Empty(Names(gap["keep"], "id").Intersect(Names(gap["learn"], "id")));
    }

    [Fact]
    public async Task A_neighbourhood_is_nodes_and_edges_a_drawing_library_takes_as_is()
    {
        var data = await app.QueryAsync("""
            { neighbourhood(id: "MLOps Engineer", depth: 1, edgeKinds: [SEE_ALSO, SPECIALISATION_OF]) {
                nodes { id label kind } edges { id source target kind label weight } truncated } }
            """);
        var graph = data["neighbourhood"]!;
        var ids = Names(graph["nodes"], "id").ToHashSet();
        Assert.Contains("mlops-engineer", ids);
        Assert.Contains("machine-learning-engineer", ids);
        Assert.Contains("cloud-engineer", ids);
        Assert.All(graph["edges"]!.AsArray(), e =>
        {
            Assert.Contains(e!["source"]!.GetValue<string>(), ids);
            Assert.Contains(e["target"]!.GetValue<string>(), ids);
            Assert.Contains(e["kind"]!.GetValue<string>(), new[] { "SEE_ALSO", "SPECIALISATION_OF" });
        });
        Assert.Equal(graph["edges"]!.AsArray().Count, Names(graph["edges"], "id").Distinct().Count());
        Assert.False(graph["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Stats_count_the_seeded_graph()
    {
        var data = await app.QueryAsync("{ stats { careers skills industries aliasNames aliasLinks edges } }");
        Assert.True(data["stats"]!["careers"]!.GetValue<int>() >= 140);
        Assert.True(data["stats"]!["aliasNames"]!.GetValue<int>() < data["stats"]!["aliasLinks"]!.GetValue<int>(), "Some seed aliases name several nodes.");
        Assert.True(data["stats"]!["skills"]!.GetValue<int>() >= 50);
    }

    [Theory]
    [InlineData("""{ careers(first: 1000) { totalCount } }""", "first")]
    [InlineData("""{ careers(after: "not-a-cursor") { totalCount } }""", "after")]
    [InlineData("""{ paths(from: "ML Engineer", to: "Cloud Engineer", k: 99) { hops } }""", "k")]
    [InlineData("""{ path(from: "ML Engineer", to: "Cloud Engineer", maxHops: 50) { hops } }""", "maxHops")]
    [InlineData("""{ path(from: "ML Engineer", to: "Cloud Engineer", via: [REQUIRES]) { hops } }""", "via")]
    [InlineData("""{ neighbourhood(id: "python", depth: 9) { truncated } }""", "depth")]
    [InlineData("""{ search(text: "   ") { score } }""", "text")]
    [InlineData("""{ career(id: "a", name: "b") { id } }""", "id")]
    [InlineData("""{ neighbourhood(id: "") { truncated } }""", "id")]
    [InlineData("""{ path(from: " ", to: "Cloud Engineer") { hops } }""", "from")]
    public async Task Arguments_out_of_range_are_invalid_argument_errors_naming_the_argument(string query, string argument)
    {
        var (_, body) = await app.PostAsync(query);
        var error = body["errors"]![0]!;
        Assert.Equal("INVALID_ARGUMENT", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(argument, error["extensions"]!["data"]!["argument"]!.GetValue<string>());
    }
}

internal static class JsonNodeLists
{
    public static JsonArray ToJsonArray(this IEnumerable<JsonNode?> nodes) => new([.. nodes.Select(n => n?.DeepClone())]);
}
