using System.Text.Json.Nodes;
using CareerGraph.Model;
using CareerGraph.Neo4j;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// Scripted answers of the read statements over <see cref="ContractGraph"/>, shaped as the statements in graph/queries
/// return them: what a Neo4j holding that graph would send back. A statement it has no script for gets an error.
/// </summary>
public sealed class ContractGraphQueryApi(GraphDocument graph)
{
    public ContractGraphQueryApi() : this(ContractGraph.Document) { }

    private Dictionary<string, GraphNode> Nodes => graph.Nodes.ToDictionary(n => n.Id);

    public FakeReply Respond(RecordedRequest request)
    {
        if (request.Statement is { } text && request.StatementFile is null && CypherFilesOnDisk.Text("graph/schema.cypher").Contains(text))
            return FakeReply.Empty();
        return request.StatementName switch
        {
            "nodes-by-id" => Rows("node", request.Parameter<string[]>("ids")!.Where(Nodes.ContainsKey).Select(id => NodeJson(Nodes[id]))),
            "careers-page" => CareersPage(request),
            "requires-edges" => EdgeRows(request, EdgeKind.Requires),
            "in-industry-edges" => EdgeRows(request, EdgeKind.InIndustry),
            "specialisation-of-edges" => EdgeRows(request, EdgeKind.SpecialisationOf),
            "see-also-edges" => EdgeRows(request, EdgeKind.SeeAlso),
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

    /// <summary>A node as the Query API's plain JSON has it: element id, labels, properties.</summary>
    public JsonNode NodeJson(GraphNode node)
    {
        var labels = new JsonArray(node.Kind.ToString());
        if (node is Career && graph.Edges.Any(e => e.Kind == EdgeKind.SpecialisationOf && e.Source == node.Id)) labels.Add("Specialisation");
        return new JsonObject
        {
            ["elementId"] = $"4:fake:{node.Id}",
            ["labels"] = labels,
            ["properties"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(GraphRecords.PropertiesOf(node))),
        };
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
