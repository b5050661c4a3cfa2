using System.Text.Json.Nodes;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>Career moves on the Neo4j store against a fake Query API: one statement, read into the same ranking as the embedded store.</summary>
public sealed class Neo4jCareerMovesTests : IAsyncLifetime
{
    private FakeQueryApi _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(request => CareerMovesReply.Answer(ContractGraph.Document, request));
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    [Theory]
    [InlineData(2, 0.5)]
    [InlineData(1, 0.5)]
    [InlineData(1, 0.1)]
    public async Task Moves_come_from_one_statement_and_rank_as_on_the_embedded_store(int maxHops, double minWeight)
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        var query = new CareerMovesQuery("machine-learning-engineer") { MaxHops = maxHops, MinWeight = minWeight };

        var moves = await services.Store().FindCareerMovesAsync(query);

        var request = Assert.Single(_neo4j.Requests);
        Assert.Equal("career-moves", request.StatementName);
        Assert.Equal(("machine-learning-engineer", maxHops, minWeight), (request.Parameter<string>("from"), request.Parameter<int>("maxHops"), request.Parameter<double>("minWeight")));
        Assert.Equal(MoveWeights.ImportantSkill, request.Parameter<double>("importantSkill"));
        Assert.Equal(MoveWeights.CommonSkill, request.Parameter<int>("commonSkill"));
        using var embedded = SqliteGraphStore.Open(":memory:");
        await embedded.ImportAsync(ContractGraph.Document);
        var expected = await embedded.FindCareerMovesAsync(query);
        Assert.NotEmpty(moves);
        Assert.Equal(Describe(expected), Describe(moves));
    }

    [Fact]
    public async Task A_career_the_statement_does_not_find_has_no_moves()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);
        Assert.Empty(await services.Store().FindCareerMovesAsync(new CareerMovesQuery("no-such-career")));
    }

    private static IEnumerable<string> Describe(IEnumerable<CareerMove> moves) => moves.Select(m =>
        $"{m.CareerId} {m.Score} [{string.Join(",", m.SharedSkills)}] [{string.Join(",", m.SkillsToLearn)}] " +
        $"{string.Join(">", m.Path?.Careers ?? [])} {string.Join("; ", m.Reasons)}");
}

/// <summary>
/// What Neo4j sends back for graph/queries/career-moves.cypher over a graph: one row with the careers (origin, those within
/// $maxHops walkable links, those requiring one of its important skills that at most $commonSkill careers require), their skills, and the links among the careers
/// within reach followed by every REQUIRES edge of the careers; no row when $from is not a career. Nodes are written as
/// the Query API's plain JSON has them (elementId, labels, properties).
/// </summary>
public static class CareerMovesReply
{
    private static readonly string[] Fields = ["careers", "skills", "edges"];

    public static FakeReply Answer(GraphDocument graph, RecordedRequest request)
    {
        if (request.StatementName != "career-moves") throw new InvalidOperationException($"No script for {request}.");
        var from = request.Parameter<string>("from")!;
        var (maxHops, minWeight) = (request.Parameter<int>("maxHops"), request.Parameter<double>("minWeight"));
        var (important, common) = (request.Parameter<double>("importantSkill"), request.Parameter<int>("commonSkill"));
        if (!graph.Careers.Any(c => c.Id == from)) return FakeReply.Rows(Fields);

        var links = graph.Edges.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf && (e.Weight ?? 1.0) >= minWeight).ToList();
        var near = new List<string> { from };
        for (var hop = 0; hop < maxHops; hop++)
            near.AddRange(links.SelectMany(e => new[] { (e.Source, e.Target), (e.Target, e.Source) })
                .Where(p => near.Contains(p.Item1) && !near.Contains(p.Item2)).Select(p => p.Item2).Distinct().ToList());
        var requires = graph.Edges.Where(e => e.Kind == EdgeKind.Requires).ToList();
        var importantSkills = requires
            .Where(e => e.Source == from && (e.Core == true || e.Importance >= important) && requires.Count(r => r.Target == e.Target) <= common)
            .Select(e => e.Target).ToHashSet();
        var careers = near.Concat(requires.Where(e => importantSkills.Contains(e.Target)).Select(e => e.Source).Distinct().Where(id => !near.Contains(id))).ToList();
        var theirRequires = requires.Where(e => careers.Contains(e.Source)).ToList();

        var careerNodes = careers.Select(id => graph.Careers.Single(c => c.Id == id)).Select(c => Node(c.Id, Labels(graph, c), new JsonObject
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["description"] = c.Description,
            ["source"] = c.Source,
            ["categories"] = new JsonArray([.. c.Categories.Select(x => JsonValue.Create(x))]),
            ["jobZone"] = c.JobZone,
        }));
        var skillNodes = theirRequires.Select(e => e.Target).Distinct().Select(id => graph.Skills.Single(s => s.Id == id))
            .Select(s => Node(s.Id, ["Skill"], new JsonObject { ["id"] = s.Id, ["name"] = s.Name, ["category"] = s.Category, ["hot"] = s.Hot }));
        var edges = links.Where(e => near.Contains(e.Source) && near.Contains(e.Target))
            .Select(e => (JsonNode)new JsonObject { ["source"] = e.Source, ["target"] = e.Target, ["type"] = e.Kind == EdgeKind.SeeAlso ? "SEE_ALSO" : "SPECIALISATION_OF", ["weight"] = e.Weight, ["tier"] = e.Tier })
            .Concat(theirRequires.Select(e => (JsonNode)new JsonObject { ["source"] = e.Source, ["target"] = e.Target, ["type"] = "REQUIRES", ["importance"] = e.Importance, ["core"] = e.Core }));
        return FakeReply.Rows(Fields, [new JsonArray([.. careerNodes]), new JsonArray([.. skillNodes]), new JsonArray([.. edges])]);
    }

    private static string[] Labels(GraphDocument graph, Career career) =>
        graph.Edges.Any(e => e.Kind == EdgeKind.SpecialisationOf && e.Source == career.Id) ? ["Career", "Specialisation"] : ["Career"];

    /// <summary>Absent properties are left out, as Neo4j stores no nulls.</summary>
    private static JsonNode Node(string id, string[] labels, JsonObject properties)
    {
        foreach (var key in properties.Where(p => p.Value is null).Select(p => p.Key).ToList()) properties.Remove(key);
        return new JsonObject { ["elementId"] = $"4:fake:{id}", ["labels"] = new JsonArray([.. labels.Select(l => JsonValue.Create(l))]), ["properties"] = properties };
    }
}
