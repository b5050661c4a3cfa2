using System.Text.Json.Nodes;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>The Neo4j store against a fake Query API: the statements it sends, and how it reads their answers.</summary>
public sealed class Neo4jStoreTests : IAsyncLifetime
{
    private readonly ContractGraphQueryApi _graph = new();
    private FakeQueryApi _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(_graph.Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    [Fact]
    public async Task Careers_come_back_with_their_properties_and_the_specialisation_label()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var page = await services.Store().FindCareersAsync(new CareerQuery(new PageRequest(2, 3)) { NameContains = "  engineer ", Sort = SortOrder.NameDescending });

        Assert.Equal(ContractGraph.Document.Careers.Count, page.TotalCount);
        Assert.True(page.HasNextPage);
        var request = Assert.Single(_neo4j.Requests);
        Assert.Equal("careers-page", request.StatementName);
        Assert.Equal("engineer", request.Parameter<string>("nameContains"));
        Assert.True(request.Parameter<bool>("descending"));
        Assert.Equal((2, 3), (request.Parameter<int>("skip"), request.Parameter<int>("take")));
        Assert.Null(request.Parameters!["hasSkill"]); // absent filters are sent as null, which the statement reads as "any"

        var nodes = await services.Store().GetNodesAsync(["machine-learning-engineer", "mlops-engineer"]);
        var ml = Assert.IsType<Career>(nodes.Single(n => n.Id == "machine-learning-engineer"));
        Assert.Equal(["Build models.", "Deploy models."], ml.Duties);
        Assert.Equal(["Computer, AI & Data"], ml.Categories);
        Assert.False(ml.IsSpecialisation);
        Assert.True(nodes.OfType<Career>().Single(c => c.Id == "mlops-engineer").IsSpecialisation);
    }

    [Theory]
    [InlineData(Direction.Outgoing, true, false)]
    [InlineData(Direction.Incoming, false, true)]
    [InlineData(Direction.Both, true, true)]
    public async Task Edges_of_a_kind_come_from_its_own_statement_matched_at_the_ends_the_direction_names(Direction direction, bool bySource, bool byTarget)
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var edges = await services.Store().GetEdgesAsync(["cloud-engineer", "cloud-engineer"], EdgeKind.SeeAlso, direction);

        var request = Assert.Single(_neo4j.Requests);
        Assert.Equal("graph/queries/see-also-edges.cypher", request.StatementFile);
        Assert.Equal(bySource ? ["cloud-engineer"] : [], request.Parameter<string[]>("sources")!);
        Assert.Equal(byTarget ? ["cloud-engineer"] : [], request.Parameter<string[]>("targets")!);
        Assert.All(edges, e => Assert.Equal(EdgeKind.SeeAlso, e.Kind));
        var weak = edges.SingleOrDefault(e => e.Source == "machine-learning-engineer");
        if (byTarget) Assert.Equal((0.3, 2), (weak!.Weight!.Value, weak.Tier!.Value));
    }

    [Fact]
    public async Task A_reference_is_resolved_by_id_name_key_and_kind_in_one_statement()
    {
        _neo4j.Respond = _ => FakeReply.Rows(["node"], [_graph.NodeJson(ContractGraph.Document.Careers[0])]);
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var found = await services.Store().ResolveAsync("  ML   Engineer ", NodeKind.Career);

        Assert.Equal("machine-learning-engineer", Assert.Single(found).Id);
        var request = Assert.Single(_neo4j.Requests);
        Assert.Equal("nodes-by-reference", request.StatementName);
        Assert.Equal(("ML   Engineer", "ml engineer", "Career"),
            (request.Parameter<string>("id"), request.Parameter<string>("key"), request.Parameter<string>("kind")));
    }

    [Fact]
    public async Task Search_sends_a_fuzzy_full_text_query_and_maps_scores_into_zero_to_one()
    {
        var python = ContractGraph.Document.Skills.Single(s => s.Id == "python");
        var pytorch = ContractGraph.Document.Skills.Single(s => s.Id == "pytorch");
        _neo4j.Respond = request => request.StatementName == "search-names"
            ? FakeReply.Rows(["node", "matched", "viaAlias", "score"],
                [_graph.NodeJson(pytorch), "PyTorch", false, 5.2],
                [_graph.NodeJson(python), "Python", false, 4.1])
            : ContractGraphQueryApi.StartUp(request); // the version check and schema, before the first search
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var hits = await services.Store().SearchAsync(new SearchQuery("python", new HashSet<NodeKind> { NodeKind.Skill }, 5));

        var request = _neo4j.Requests.Single(r => r.StatementName == "search-names");
        Assert.Equal("python^4 OR python*^2 OR python~1", request.Parameter<string>("lucene"));
        Assert.Equal(["Skill"], request.Parameter<string[]>("kinds")!);
        Assert.Equal(5, request.Parameter<int>("first"));
        Assert.Equal(["python", "pytorch"], hits.Select(h => h.Node.Id));
        Assert.Equal(1.0, hits[0].Score); // the exact name
        Assert.InRange(hits[1].Score, 0.0001, 0.9);
        Assert.Equal(CypherFilesOnDisk.Text("graph/schema.cypher").Split(";\n").Length - 1, _neo4j.Requests.Count(r => r.StatementFile is null));

        _neo4j.ClearRequests();
        Assert.Empty(await services.Store().SearchAsync(new SearchQuery(" ?! ", new HashSet<NodeKind>(), 5)));
        Assert.Empty(_neo4j.Requests);
    }

    [Fact]
    public async Task A_search_for_several_words_forgives_typos_in_each_and_prefers_the_phrase()
    {
        _neo4j.Respond = request => ContractGraphQueryApi.StartUp(request) ?? FakeReply.Rows(["node", "matched", "viaAlias", "score"]);
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        await services.Store().SearchAsync(new SearchQuery("Machine  lerning-engineer", new HashSet<NodeKind>(), 5));

        Assert.Equal(
            "machine^4 OR machine*^2 OR machine~1 OR lerning^4 OR lerning*^2 OR lerning~1 OR engineer^4 OR engineer*^2 OR engineer~2 OR \"machine lerning engineer\"^6",
            _neo4j.Requests.Single(r => r.StatementName == "search-names").Parameter<string>("lucene"));
    }

    [Theory]
    [InlineData("machine-learning-engineer", "cloud-engineer", 1, 0.5, 4, "SEE_ALSO,SPECIALISATION_OF")]
    [InlineData("machine-learning-engineer", "cloud-engineer", 5, 0.5, 4, "SEE_ALSO,SPECIALISATION_OF")]
    [InlineData("machine-learning-engineer", "cloud-engineer", 3, 0.1, 4, "SEE_ALSO,SPECIALISATION_OF")]
    [InlineData("machine-learning-engineer", "cloud-engineer", 3, 0.5, 4, "SEE_ALSO")]
    [InlineData("machine-learning-engineer", "cloud-engineer", 3, 0.5, 2, "SEE_ALSO,SPECIALISATION_OF")]
    [InlineData("computer-vision-engineer", "devops-engineer", 4, 0.5, 5, "SEE_ALSO,SPECIALISATION_OF")]
    [InlineData("machine-learning-engineer", "machine-learning-engineer", 2, 0.5, 4, "SEE_ALSO,SPECIALISATION_OF")]
    public async Task Walks_are_ranked_exactly_as_the_embedded_store_ranks_them(string from, string to, int k, double minWeight, int maxHops, string via)
    {
        var query = new PathQuery(from, to) { K = k, MinWeight = minWeight, MaxHops = maxHops, Via = [.. via.Split(',').Select(EdgeKinds.FromCode)] };
        _neo4j.Respond = WalkableEdges;
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        using var embedded = await EmbeddedContractStoreAsync();

        var paths = await services.Store().FindPathsAsync(query);

        Assert.Equal(Describe(await embedded.FindPathsAsync(query)), Describe(paths));
        var request = Assert.Single(_neo4j.Requests);
        Assert.Equal("career-path-edges", request.StatementName);
        Assert.Equal((from, to, minWeight, maxHops), (request.Parameter<string>("from"), request.Parameter<string>("to"), request.Parameter<double>("minWeight"), request.Parameter<int>("maxHops")));
    }

    [Fact]
    public async Task There_is_no_walk_when_Neo4j_finds_no_such_careers()
    {
        _neo4j.Respond = _ => FakeReply.Rows(["careers", "edges"]);
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        Assert.Empty(await services.Store().FindPathsAsync(new PathQuery("nobody", "cloud-engineer")));
    }

    [Theory]
    [InlineData("mlops-engineer", 1, "", 200)]
    [InlineData("machine-learning-engineer", 2, "SPECIALISATION_OF", 200)]
    [InlineData("machine-learning-engineer", 2, "", 4)]
    [InlineData("machine-learning-engineer", 2, "", 9)]
    [InlineData("python", 2, "REQUIRES,SEE_ALSO", 6)]
    [InlineData("technology", 3, "", 1000)]
    [InlineData("no-such-node", 1, "", 200)]
    public async Task A_neighbourhood_is_walked_exactly_as_the_embedded_store_walks_it(string id, int depth, string kinds, int maxNodes)
    {
        var query = new NeighbourhoodQuery(id)
        {
            Depth = depth,
            MaxNodes = maxNodes,
            EdgeKinds = [.. kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EdgeKinds.FromCode)],
        };
        _neo4j.Respond = Neighbourhood;
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        using var embedded = await EmbeddedContractStoreAsync();

        var graph = await services.Store().GetNeighbourhoodAsync(query);
        var expected = await embedded.GetNeighbourhoodAsync(query);

        Assert.Equal(expected.Nodes.Select(n => n.Id), graph.Nodes.Select(n => n.Id));
        Assert.Equal(expected.Edges.Select(e => e.Id), graph.Edges.Select(e => e.Id));
        Assert.Equal(expected.Truncated, graph.Truncated);
        Assert.Equal("neighbourhood", Assert.Single(_neo4j.Requests).StatementName);
    }

    [Fact]
    public async Task Stats_and_export_map_every_kind()
    {
        var document = ContractGraph.Document;
        _neo4j.Respond = request => request.StatementName == "whole-graph"
            ? FakeReply.Row(
                ("nodes", new JsonArray([.. document.Nodes.Select(_graph.NodeJson)])),
                ("edges", new JsonArray([.. document.Edges.Select(ContractGraphQueryApi.EdgeJson)])),
                ("aliases", new JsonArray([.. document.Aliases.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["target"] = a.TargetId })])))
            : _graph.Respond(request);
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var stats = await services.Store().GetStatsAsync();
        var exported = await services.Store().ExportAsync();

        Assert.Equal(document.Edges.Count(e => e.Kind == EdgeKind.Requires), stats.Edges[EdgeKind.Requires]);
        Assert.Equal(document.Aliases.Count, stats.AliasLinks);
        Assert.Equal(document.Careers.Select(c => c.Id).Order(), exported.Careers.Select(c => c.Id));
        Assert.Equal(document.Edges.Select(e => e.Id).Order(), exported.Edges.Select(e => e.Id).Order());
        Assert.Equivalent(document.Edges.Single(e => e.Kind == EdgeKind.Requires && e.Target == "pytorch" && e.Source == "machine-learning-engineer"),
            exported.Edges.Single(e => e.Kind == EdgeKind.Requires && e.Target == "pytorch" && e.Source == "machine-learning-engineer"));
        Assert.Equal(document.Aliases.Select(a => a.Key + a.TargetId).Order(), exported.Aliases.Select(a => a.Key + a.TargetId).Order());
    }

    private static async Task<SqliteGraphStore> EmbeddedContractStoreAsync()
    {
        var store = SqliteGraphStore.Open(":memory:");
        await store.ImportAsync(ContractGraph.Document);
        return store;
    }

    private static string[] Describe(IEnumerable<GraphPath> paths) =>
        [.. paths.Select(r => string.Join(">", r.Careers) + " via " + string.Join(",", r.Edges.Select(e => e.Id)))];

    /// <summary>What career-path-edges answers for the contract graph: its careers and the walkable edges among them.</summary>
    private static FakeReply WalkableEdges(RecordedRequest request)
    {
        var careers = ContractGraph.Document.Careers.Select(c => c.Id).ToHashSet();
        if (!careers.Contains(request.Parameter<string>("from")!) || !careers.Contains(request.Parameter<string>("to")!))
            return FakeReply.Rows(["careers", "edges"]);
        var via = request.Parameter<string[]>("via")!;
        var minWeight = request.Parameter<double>("minWeight");
        var edges = ContractGraph.Document.Edges
            .Where(e => via.Contains(e.Kind.Code()) && (e.Weight ?? 1.0) >= minWeight && careers.Contains(e.Source) && careers.Contains(e.Target))
            .Select(ContractGraphQueryApi.EdgeJson);
        return FakeReply.Row(("careers", careers.ToArray()), ("edges", new JsonArray([.. edges])));
    }

    /// <summary>What the neighbourhood statement answers for the contract graph: whole levels within reach, and edges among them.</summary>
    private FakeReply Neighbourhood(RecordedRequest request)
    {
        var document = ContractGraph.Document;
        var nodes = document.Nodes.ToDictionary(n => n.Id);
        var id = request.Parameter<string>("id")!;
        if (!nodes.ContainsKey(id)) return FakeReply.Rows(["total", "nodes", "edges"]);
        var types = request.Parameter<string[]>("types")!;
        var (depth, maxNodes) = (request.Parameter<int>("depth"), request.Parameter<int>("maxNodes"));
        var edges = document.Edges.Where(e => types.Contains(e.Kind.Code())).ToList();

        var distance = new Dictionary<string, int> { [id] = 0 };
        var frontier = new List<string> { id };
        for (var d = 1; d <= depth && frontier.Count > 0; d++)
        {
            frontier = [.. frontier.SelectMany(n => edges.Where(e => e.Source == n || e.Target == n).Select(e => e.Other(n))).Distinct().Where(n => !distance.ContainsKey(n))];
            foreach (var n in frontier) distance[n] = d;
        }
        var levelSizes = Enumerable.Range(0, depth + 1).Select(d => distance.Values.Count(v => v == d)).ToList();
        var keptLevels = Enumerable.Range(0, depth + 1).Count(d => levelSizes.Take(d).Sum() < maxNodes);
        var kept = distance.Where(x => x.Value < keptLevels).ToDictionary(x => x.Key, x => x.Value);
        return FakeReply.Row(
            ("total", distance.Count),
            ("nodes", new JsonArray([.. kept.Select(x => (JsonNode)new JsonObject { ["node"] = _graph.NodeJson(nodes[x.Key]), ["distance"] = x.Value })])),
            ("edges", new JsonArray([.. edges.Where(e => kept.ContainsKey(e.Source) && kept.ContainsKey(e.Target)).Select(ContractGraphQueryApi.EdgeJson)])));
    }
}
