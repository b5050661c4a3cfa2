using System.Globalization;
using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;

namespace CareerGraph.Neo4j;

/// <summary>A node as the Query API returns it in plain JSON: element id, labels, properties.</summary>
internal sealed record NodeRecord(string ElementId, IReadOnlyList<string> Labels, Dictionary<string, JsonElement> Properties)
{
    public GraphNode ToNode()
    {
        var id = Text("id") ?? throw new InvalidDataException($"A node ({ElementId}, labels {string.Join(":", Labels)}) has no id property.");
        var name = Text("name") ?? id;
        if (Labels.Contains(nameof(NodeKind.Career)))
            return new Career(id, name)
            {
                Description = Text("description"),
                Source = Text("source"),
                Duties = Texts("duties"),
                Categories = Texts("categories"),
                SocCode = Text("socCode"),
                JobZone = Properties.TryGetValue("jobZone", out var zone) && zone.ValueKind == JsonValueKind.Number ? (int)zone.GetDouble() : null,
                IsSpecialisation = Labels.Contains(Neo4jEncoding.SpecialisationLabel),
            };
        if (Labels.Contains(nameof(NodeKind.Skill)))
            return new Skill(id, name)
            {
                Description = Text("description"),
                Source = Text("source"),
                Category = Text("category"),
                Hot = Properties.TryGetValue("hot", out var hot) && hot.ValueKind == JsonValueKind.True,
            };
        if (Labels.Contains(nameof(NodeKind.Industry)))
            return new Industry(id, name) { Description = Text("description"), Source = Text("source") };
        throw new InvalidDataException($"The node '{id}' has labels {string.Join(":", Labels)}, none of Career, Skill or Industry.");
    }

    private string? Text(string key) =>
        Properties.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private IReadOnlyList<string> Texts(string key) =>
        Properties.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
            : [];
}

/// <summary>An edge as our statements return it: both ends' ids, the relationship type and its properties.</summary>
internal sealed record EdgeRecord(string Source, string Target, string Type, double? Importance = null, bool? Core = null, double? Weight = null, int? Tier = null, string? Reason = null)
{
    public Edge ToEdge() => new(Source, Target, EdgeKinds.FromCode(Type))
    {
        Importance = Importance,
        Core = Core,
        Weight = Weight,
        Tier = Tier,
        Reason = Reason,
    };
}

/// <summary>An alias link as our statements return it: the spelling, and the id of the node it names.</summary>
internal sealed record AliasRecord(string Name, string Target)
{
    public Alias ToAlias() => new(Name, Target);
}

/// <summary>A redirect as our statements return it: the merged-away id, and the id of the career it now stands for.</summary>
internal sealed record RedirectRecord(string From, string To);

/// <summary>An audit entry as audit-trail returns it; <c>at</c> is kept as the ISO 8601 text it was written as.</summary>
internal sealed record AuditEntryRecord(long Sequence, string At, string Actor, string Operation, IReadOnlyList<string> NodeIds, string Summary, string? Before, string? After)
{
    public AuditEntry ToEntry() => new(
        Sequence,
        DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Actor,
        Enum.Parse<AuditOperation>(Operation),
        NodeIds,
        Summary,
        Before,
        After);
}

/// <summary>Rows for our statements' <c>$rows</c>: property maps without nulls (see <see cref="Neo4jEncoding"/>), so that equal maps mean unchanged nodes.</summary>
internal static class GraphRecords
{
    public static Dictionary<string, object> PropertiesOf(GraphNode node) => MapOf(Neo4jEncoding.PropertiesOf(node));

    public static object EdgeRow(Edge edge) => new { source = edge.Source, target = edge.Target, properties = MapOf(Neo4jEncoding.PropertiesOf(edge)) };

    public static Dictionary<string, object> AliasRow(Alias alias) => MapOf(Neo4jEncoding.PropertiesOf(alias));

    /// <summary>Which edge to delete: its ends and relationship type.</summary>
    public static object EdgeKeyRow(Edge edge) => new { source = edge.Source, type = edge.Kind.Code(), target = edge.Target };

    /// <summary>Which alias to delete: its comparison key and the node it names.</summary>
    public static object AliasKeyRow(Alias alias) => new { key = alias.Key, target = alias.TargetId };

    public static object RedirectRow(Redirect redirect) => new { from = redirect.From, to = redirect.To };

    /// <summary>An audit entry as stored: the time as ISO 8601 text (as the embedded store keeps it), the operation by name.</summary>
    public static object AuditRow(AuditEntry entry) => new
    {
        sequence = entry.Sequence,
        at = entry.At.ToString("O", CultureInfo.InvariantCulture),
        actor = entry.Actor,
        operation = entry.Operation.ToString(),
        nodeIds = entry.NodeIds,
        summary = entry.Summary,
        before = entry.Before,
        after = entry.After,
    };

    private static Dictionary<string, object> MapOf(IEnumerable<(string Name, object? Value)> properties) =>
        properties.Where(p => Neo4jEncoding.HasValue(p.Value)).ToDictionary(p => p.Name, p => p.Value!);
}
