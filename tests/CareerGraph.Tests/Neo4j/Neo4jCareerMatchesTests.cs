using System.Text.Json.Nodes;
using CareerGraph.Embedded;
using CareerGraph.Interchange.Onet;
using CareerGraph.Interchange.Seeding;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Tests.Contract;
using CareerGraph.Tests.Interchange;

namespace CareerGraph.Tests.Neo4j;

/// <summary>Career matches on the Neo4j store against a fake Query API: one statement, read into the same ranking as the embedded store.</summary>
public sealed class Neo4jCareerMatchesTests
{
    /// <summary>The curated seeds with the O*NET fixture imported beside them, as `import onet` stores them (job zones included).</summary>
    private static readonly Lazy<GraphDocument> SeedsWithOnet = new(() =>
    {
        var seeds = SeedFiles.Read(RepoPaths.Seeds);
        var onet = OnetMapping.ToGraph(OnetDatabase.Read(OnetFixtures.Mini), seeds, TechnologyMap.Read(RepoPaths.Seeds)).Document;
        return new GraphDocument(
            [.. seeds.Careers, .. onet.Careers.Where(c => seeds.Careers.All(s => s.Id != c.Id))],
            [.. seeds.Skills, .. onet.Skills.Where(k => seeds.Skills.All(s => s.Id != k.Id))],
            [.. seeds.Industries, .. onet.Industries.Where(i => seeds.Industries.All(s => s.Id != i.Id))], [.. seeds.Edges, .. onet.Edges], [.. seeds.Aliases, .. onet.Aliases]);
    });

    public static TheoryData<string, string[], int?> Questions => new()
    {
        { "contract", ["python", "docker"], null },
        { "contract", ["tensorflow", "no-such-skill"], null },
        { "seeds", ["python", "tensorflow", "pytorch", "docker"], null },
        { "seeds", ["sql", "statistics"], null },
        { "seeds+onet", ["python", "microsoft-excel"], null },
        { "seeds+onet", ["python", "microsoft-excel"], 4 },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Matches_come_from_one_statement_and_rank_as_on_the_embedded_store(string graphName, string[] skills, int? maxJobZone)
    {
        var graph = graphName switch { "contract" => ContractGraph.Document, "seeds" => SeedFiles.Read(RepoPaths.Seeds), _ => SeedsWithOnet.Value };
        await using var neo4j = await FakeQueryApi.StartAsync(request => CareerMatchesReply.Answer(graph, request));
        using var services = Neo4jTestServices.Create(neo4j.Uri);
        var query = new CareerMatchesQuery(skills) { MaxJobZone = maxJobZone };

        var matches = await services.Store().FindCareerMatchesAsync(query);

        var request = Assert.Single(neo4j.Requests);
        Assert.Equal("career-matches", request.StatementName);
        Assert.Equal(skills, request.Parameter<string[]>("skills"));
        using var embedded = SqliteGraphStore.Open(":memory:");
        await embedded.ImportAsync(graph);
        var expected = await embedded.FindCareerMatchesAsync(query);
        Assert.NotEmpty(matches);
        Assert.Equal(Describe(expected), Describe(matches));
    }

    [Fact]
    public async Task The_job_zone_filter_reads_the_job_zones_the_statement_returns()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(request => CareerMatchesReply.Answer(SeedsWithOnet.Value, request));
        using var services = Neo4jTestServices.Create(neo4j.Uri);

        var all = await services.Store().FindCareerMatchesAsync(new CareerMatchesQuery(["microsoft-excel"]) { First = 100 });
        var upTo4 = await services.Store().FindCareerMatchesAsync(new CareerMatchesQuery(["microsoft-excel"]) { First = 100, MaxJobZone = 4 });

        Assert.True(upTo4.Count < all.Count, "The fixture's chief executives (job zone 5) need Excel too.");
        Assert.All(upTo4, m => Assert.Matches(@"^job zone [1-4]$", m.Reasons[^1]));
    }

    [Fact]
    public async Task Skills_no_career_requires_have_no_matches()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(request => CareerMatchesReply.Answer(ContractGraph.Document, request));
        using var services = Neo4jTestServices.Create(neo4j.Uri);
        Assert.Empty(await services.Store().FindCareerMatchesAsync(new CareerMatchesQuery(["no-such-skill"])));
    }

    private static IEnumerable<string> Describe(IEnumerable<CareerMatch> matches) => matches.Select(m =>
        $"{m.CareerId} {m.Score} {m.Coverage} [{string.Join(",", m.MatchedSkills.Select(e => $"{e.Target}:{e.Importance}:{e.Core}"))}] " +
        $"[{string.Join(",", m.MissingSkills.Select(e => $"{e.Target}:{e.Importance}:{e.Core}"))}] {string.Join("; ", m.Reasons)}");
}

/// <summary>
/// What Neo4j sends back for graph/queries/career-matches.cypher over a graph: one row with the careers requiring one of
/// $skills, the skills their REQUIRES edges reach, and those edges (empty lists when no career requires any). Nodes are
/// written as the Query API's plain JSON has them (elementId, labels, properties; no nulls).
/// </summary>
public static class CareerMatchesReply
{
    private static readonly string[] Fields = ["careers", "skills", "edges"];

    public static FakeReply Answer(GraphDocument graph, RecordedRequest request)
    {
        if (request.StatementName != "career-matches") throw new InvalidOperationException($"No script for {request}.");
        var skills = request.Parameter<string[]>("skills")!.ToHashSet();
        var requires = graph.Edges.Where(e => e.Kind == EdgeKind.Requires).ToList();
        var careers = requires.Where(e => skills.Contains(e.Target)).Select(e => e.Source).ToHashSet();
        var theirRequires = requires.Where(e => careers.Contains(e.Source)).ToList();
        var reached = theirRequires.Select(e => e.Target).ToHashSet();
        var nodes = new ContractGraphQueryApi(graph);
        return FakeReply.Rows(Fields, [
            new JsonArray([.. graph.Careers.Where(c => careers.Contains(c.Id)).Select(nodes.NodeJson)]),
            new JsonArray([.. graph.Skills.Where(s => reached.Contains(s.Id)).Select(nodes.NodeJson)]),
            new JsonArray([.. theirRequires.Select(e => (JsonNode)new JsonObject
            {
                ["source"] = e.Source, ["target"] = e.Target, ["type"] = "REQUIRES", ["importance"] = e.Importance, ["core"] = e.Core,
            })]),
        ]);
    }
}
