using System.Text.Json;
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
                IsSpecialisation = Labels.Contains(GraphRecords.SpecialisationLabel),
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
internal sealed record EdgeRecord(string Source, string Target, string Type, double? Importance = null, bool? Core = null, double? Weight = null, int? Tier = null)
{
    public Edge ToEdge() => new(Source, Target, EdgeKinds.FromCypherName(Type))
    {
        Importance = Importance,
        Core = Core,
        Weight = Weight,
        Tier = Tier,
    };
}

/// <summary>An alias link as our statements return it: the spelling, and the id of the node it names.</summary>
internal sealed record AliasRecord(string Name, string Target)
{
    public Alias ToAlias() => new(Name, Target);
}

/// <summary>How the model is written to Neo4j: property maps without nulls, so that equal maps mean unchanged nodes.</summary>
internal static class GraphRecords
{
    public const string SpecialisationLabel = "Specialisation";

    /// <summary>The whole property map of a node; nameKey is what exact-name look-ups compare.</summary>
    public static Dictionary<string, object> PropertiesOf(GraphNode node)
    {
        var properties = new Dictionary<string, object> { ["id"] = node.Id, ["name"] = node.Name, ["nameKey"] = Names.Key(node.Name) };
        Add(properties, "description", node.Description);
        Add(properties, "source", node.Source);
        switch (node)
        {
            case Career career:
                if (career.Duties.Count > 0) properties["duties"] = career.Duties;
                if (career.Categories.Count > 0) properties["categories"] = career.Categories;
                Add(properties, "socCode", career.SocCode);
                Add(properties, "jobZone", career.JobZone);
                break;
            case Skill skill:
                Add(properties, "category", skill.Category);
                properties["hot"] = skill.Hot;
                break;
        }
        return properties;
    }

    public static object EdgeRow(Edge edge)
    {
        var properties = new Dictionary<string, object>();
        Add(properties, "importance", edge.Importance);
        Add(properties, "core", edge.Core);
        Add(properties, "weight", edge.Weight);
        Add(properties, "tier", edge.Tier);
        return new { source = edge.Source, target = edge.Target, properties };
    }

    public static object AliasRow(Alias alias) => new { key = alias.Key, name = alias.Name, target = alias.TargetId };

    private static void Add(Dictionary<string, object> properties, string key, object? value)
    {
        if (value is not null) properties[key] = value;
    }
}
