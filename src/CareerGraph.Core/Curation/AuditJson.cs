using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CareerGraph.Model;

namespace CareerGraph.Curation;

/// <summary>The before/after states in the audit trail, as compact JSON with stable property names.</summary>
internal static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Node(GraphNode node) => NodeObject(node).ToJsonString(Options);

    public static string Edge(Edge edge) => EdgeObject(edge).ToJsonString(Options);

    public static string Alias(Alias alias) => AliasObject(alias).ToJsonString(Options);

    /// <summary>A node with everything attached to it: what a delete or merge takes away.</summary>
    public static string NodeWithLinks(GraphNode node, IEnumerable<Edge> edges, IEnumerable<Alias> aliases) =>
        new JsonObject
        {
            ["node"] = NodeObject(node),
            ["edges"] = new JsonArray([.. edges.OrderBy(e => e.Id, StringComparer.Ordinal).Select(EdgeObject)]),
            ["aliases"] = new JsonArray([.. aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (JsonNode)JsonValue.Create(a.Name))]),
        }.ToJsonString(Options);

    private static JsonObject NodeObject(GraphNode node)
    {
        var json = JsonSerializer.SerializeToNode(node, node.GetType(), Options)!.AsObject();
        json.Remove("isSpecialisation"); // derived from edges, not part of the node
        return json;
    }

    private static JsonNode EdgeObject(Edge edge)
    {
        var json = new JsonObject
        {
            ["source"] = edge.Source,
            ["kind"] = edge.Kind.Code(),
            ["target"] = edge.Target,
        };
        if (edge.Importance is { } importance) json["importance"] = importance;
        if (edge.Core is { } core) json["core"] = core;
        if (edge.Weight is { } weight) json["weight"] = weight;
        if (edge.Tier is { } tier) json["tier"] = tier;
        return json;
    }

    private static JsonObject AliasObject(Alias alias) => new() { ["name"] = alias.Name, ["target"] = alias.TargetId };
}
