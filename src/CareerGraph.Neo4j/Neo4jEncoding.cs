using CareerGraph.Model;

namespace CareerGraph.Neo4j;

/// <summary>
/// How the model is stored in Neo4j: labels and property lists. The store writes through it, and so do the Cypher
/// dump and the neo4j-admin CSV export, so a loaded dump is the graph the backend itself would have written.
/// </summary>
public static class Neo4jEncoding
{
    public const string SpecialisationLabel = "Specialisation";

    /// <summary>The node's labels: its kind, and Specialisation for a career that specialises another.</summary>
    public static IReadOnlyList<string> LabelsOf(GraphNode node, bool isSpecialisation) =>
        isSpecialisation ? [node.Kind.ToString(), SpecialisationLabel] : [node.Kind.ToString()];

    /// <summary>id, name, nameKey (what exact-name look-ups compare), then the node's other properties; null for no value.</summary>
    public static IReadOnlyList<(string Name, object? Value)> PropertiesOf(GraphNode node)
    {
        var properties = ModelProperties.Of(node);
        return [properties[0], properties[1], ("nameKey", Names.Key(node.Name)), .. properties.Skip(2)];
    }

    /// <summary>The properties a relationship of the edge's kind carries; null for no value.</summary>
    public static IReadOnlyList<(string Name, object? Value)> PropertiesOf(Edge edge) => ModelProperties.Of(edge);

    /// <summary>An alias as merge-aliases takes it: the Alias node's key, the spelling kept on ALIAS_OF, and the node it names.</summary>
    public static IReadOnlyList<(string Name, object? Value)> PropertiesOf(Alias alias) =>
        [("key", alias.Key), ("name", alias.Name), ("target", alias.TargetId)];

    /// <summary>Null, and empty lists, mean "no value": Neo4j stores neither.</summary>
    public static bool HasValue(object? value) => ModelProperties.HasValue(value);
}
