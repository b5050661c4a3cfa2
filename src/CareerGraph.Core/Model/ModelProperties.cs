namespace CareerGraph.Model;

/// <summary>
/// The stored properties of nodes and edges by name, in one order, as every export format and the Neo4j backend
/// write them: strings, whole numbers, numbers, booleans and lists of strings; null where a node has no value.
/// </summary>
public static class ModelProperties
{
    public static IReadOnlyList<(string Name, object? Value)> Of(GraphNode node) => node switch
    {
        Career c => [("id", c.Id), ("name", c.Name), ("description", c.Description), ("duties", c.Duties), ("categories", c.Categories),
                     ("socCode", c.SocCode), ("jobZone", c.JobZone), ("source", c.Source)],
        Skill s => [("id", s.Id), ("name", s.Name), ("description", s.Description), ("category", s.Category), ("hot", s.Hot), ("source", s.Source)],
        Industry i => [("id", i.Id), ("name", i.Name), ("description", i.Description), ("source", i.Source)],
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>The properties an edge of this kind carries (none for IN_INDUSTRY and SPECIALISATION_OF).</summary>
    public static IReadOnlyList<(string Name, object? Value)> Of(Edge edge) => edge.Kind switch
    {
        EdgeKind.Requires => [("importance", edge.Importance), ("core", edge.Core)],
        EdgeKind.SeeAlso => [("weight", edge.Weight), ("tier", edge.Tier), ("reason", edge.Reason)],
        _ => [],
    };

    /// <summary>Null, and empty lists, mean "no value": Neo4j stores neither.</summary>
    public static bool HasValue(object? value) => value is not null and not IReadOnlyList<string> { Count: 0 };
}
