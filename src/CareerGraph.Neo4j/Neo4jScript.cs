using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;

namespace CareerGraph.Neo4j;

/// <summary>
/// The backend's own statements as a script runs them (cypher-shell, Neo4j Browser): comment lines left out, each
/// ending with a semicolon. What the Cypher dump needs, so that a loaded dump is the graph the backend would write.
/// </summary>
public static class Neo4jScript
{
    /// <summary>The constraints and indexes of graph/schema.cypher, in order.</summary>
    public static IReadOnlyList<string> Schema { get; } = [.. CypherFiles.Schema().Select(s => s.Script)];

    /// <summary>The statement that merges a batch of <c>$rows</c> of nodes of one kind (each row as <see cref="Neo4jEncoding.PropertiesOf(GraphNode)"/>).</summary>
    public static string MergeNodes(NodeKind kind) => CypherFiles.MergeNodes(kind).Script;

    /// <summary>The statement that merges a batch of <c>$rows</c> of edges of one kind (source, target, properties).</summary>
    public static string MergeEdges(EdgeKind kind) => CypherFiles.MergeEdges(kind).Script;

    /// <summary>The statement that merges a batch of <c>$rows</c> of aliases (each as <see cref="Neo4jEncoding.PropertiesOf(Alias)"/>).</summary>
    public static string MergeAliases => CypherFiles.Query("merge-aliases").Script;
}
