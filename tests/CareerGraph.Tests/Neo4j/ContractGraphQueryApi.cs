using System.Text.Json.Nodes;
using CareerGraph.Model;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// What a Neo4j 5.26 holding <see cref="ContractGraph"/> answers to the read statements of graph/queries, written by hand
/// in the Query API's plain JSON (nodes as elementId, labels and properties, as the server serialises them; the maps our
/// statements build as plain objects), never with the store's own mapping code, so a mapping bug shows. A statement it has
/// no answer for gets an error.
/// </summary>
public sealed class ContractGraphQueryApi(GraphDocument graph)
{
    public ContractGraphQueryApi() : this(ContractGraph.Document) { }

    private Dictionary<string, GraphNode> Nodes => graph.Nodes.ToDictionary(n => n.Id);

    /// <summary>
    /// The answers of a Neo4j 5.26 to what the store sends at start-up: the version check, the schema statements (no rows)
    /// and the wait for indexes; null for any other statement.
    /// </summary>
    public static FakeReply? StartUp(RecordedRequest request)
    {
        if (request.Statement is { } text && request.StatementFile is null && CypherFilesOnDisk.Text("graph/schema.cypher").Contains(text))
            return FakeReply.Empty();
        return request.StatementName switch
        {
            "server-version" => FakeReply.Row(("name", "Neo4j Kernel"), ("version", "5.26.31"), ("edition", "community")),
            "await-indexes" => FakeReply.Empty(),
            _ => null,
        };
    }

    public FakeReply Respond(RecordedRequest request)
    {
        if (StartUp(request) is { } reply) return reply;
        return request.StatementName switch
        {
            "nodes-by-id" => Rows("node", request.Parameter<string[]>("ids")!.Where(Nodes.ContainsKey).Select(id => NodeJson(Nodes[id]))),
            "careers-page" => CareersPage(request),
            "requires-edges" => EdgeRows(request, EdgeKind.Requires),
            "in-industry-edges" => EdgeRows(request, EdgeKind.InIndustry),
            "specialisation-of-edges" => EdgeRows(request, EdgeKind.SpecialisationOf),
            "see-also-edges" => EdgeRows(request, EdgeKind.SeeAlso),
            "career-matches" => CareerMatchesReply.Answer(graph, request),
            "aliases-of" => Rows("alias", request.Parameter<string[]>("ids")!
                .SelectMany(id => graph.Aliases.Where(a => a.TargetId == id))
                .Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["target"] = a.TargetId })),
            "graph-stats" => FakeReply.Row(
                ("careers", graph.Careers.Count), ("skills", graph.Skills.Count), ("industries", graph.Industries.Count),
                ("requires", Count(EdgeKind.Requires)), ("inIndustry", Count(EdgeKind.InIndustry)),
                ("specialisationOf", Count(EdgeKind.SpecialisationOf)), ("seeAlso", Count(EdgeKind.SeeAlso)),
                ("aliasNames", graph.Aliases.Select(a => a.Key).Distinct().Count()), ("aliasLinks", graph.Aliases.Count)),
            _ => throw new InvalidOperationException($"No script for {request}."),
        };
    }

    /// <summary>A node as the Query API's plain JSON has it: element id, labels, properties (as schema.cypher and merge-* store them).</summary>
    public JsonNode NodeJson(GraphNode node)
    {
        var labels = new JsonArray(node.Kind.ToString());
        if (node is Career && graph.Edges.Any(e => e.Kind == EdgeKind.SpecialisationOf && e.Source == node.Id)) labels.Add("Specialisation");
        var properties = new JsonObject
        {
            ["id"] = node.Id,
            ["name"] = node.Name,
            ["nameKey"] = string.Join(' ', node.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant(),
        };
        if (node.Description is { } description) properties["description"] = description;
        if (node.Source is { } source) properties["source"] = source;
        switch (node)
        {
            case Career career:
                properties["duties"] = new JsonArray([.. career.Duties.Select(d => (JsonNode)d)]);
                properties["categories"] = new JsonArray([.. career.Categories.Select(c => (JsonNode)c)]);
                if (career.SocCode is { } soc) properties["socCode"] = soc;
                if (career.JobZone is { } zone) properties["jobZone"] = zone;
                break;
            case Skill skill:
                if (skill.Category is { } category) properties["category"] = category;
                properties["hot"] = skill.Hot;
                break;
        }
        return new JsonObject { ["elementId"] = $"4:0b6a2ad4-2e4c-4d3f-9a43-8e3f6c0d1a7e:{graph.Nodes.ToList().IndexOf(node)}", ["labels"] = labels, ["properties"] = properties };
    }

    public static JsonNode EdgeJson(Edge edge) => new JsonObject
    {
        ["source"] = edge.Source,
        ["target"] = edge.Target,
        ["type"] = edge.Kind.Code(),
        ["importance"] = edge.Importance,
        ["core"] = edge.Core,
        ["weight"] = edge.Weight,
        ["tier"] = edge.Tier,
        ["reason"] = edge.Reason,
    };

    private FakeReply CareersPage(RecordedRequest request)
    {
        var all = graph.Careers.OrderBy(c => c.Name.ToUpperInvariant(), StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        if (request.Parameter<bool>("descending")) all.Reverse();
        var page = all.Skip(request.Parameter<int>("skip")).Take(request.Parameter<int>("take")).Select(NodeJson);
        return FakeReply.Row(("total", all.Count), ("page", new JsonArray([.. page])));
    }

    private FakeReply EdgeRows(RecordedRequest request, EdgeKind kind)
    {
        var sources = request.Parameter<string[]>("sources")!;
        var targets = request.Parameter<string[]>("targets")!;
        return Rows("edge", graph.Edges
            .Where(e => e.Kind == kind && (sources.Contains(e.Source) || targets.Contains(e.Target)))
            .Select(EdgeJson));
    }

    private int Count(EdgeKind kind) => graph.Edges.Count(e => e.Kind == kind);

    private static FakeReply Rows(string field, IEnumerable<JsonNode> values) =>
        FakeReply.Rows([field], [.. values.Select(v => new object?[] { v })]);
}
