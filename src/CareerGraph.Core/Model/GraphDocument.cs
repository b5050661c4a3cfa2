namespace CareerGraph.Model;

/// <summary>A whole graph, or a batch of it: what seeds, imports and exports carry.</summary>
public sealed record GraphDocument(
    IReadOnlyList<Career> Careers,
    IReadOnlyList<Skill> Skills,
    IReadOnlyList<Industry> Industries,
    IReadOnlyList<Edge> Edges,
    IReadOnlyList<Alias> Aliases)
{
    public static readonly GraphDocument Empty = new([], [], [], [], []);

    /// <summary>The edges, each with its kind's <see cref="EdgeDefaults"/> filled in: whatever carried them in, they are stored explicitly.</summary>
    public IReadOnlyList<Edge> Edges { get; init => field = WithDefaults(value); } = WithDefaults(Edges);

    private static IReadOnlyList<Edge> WithDefaults(IReadOnlyList<Edge> edges) =>
        edges is IStoredEdges ? edges : [.. edges.Select(e => e.WithDefaults())];

    public IEnumerable<GraphNode> Nodes => Careers.Cast<GraphNode>().Concat(Skills).Concat(Industries);
}

/// <summary>
/// Counts of what a graph holds, by node and edge kind, and its aliases: distinct alias names (compared as
/// <see cref="Names.Key"/>) and alias links (one per name and node it names; "Cloud Engineer" naming three is three).
/// </summary>
public sealed record GraphStats(
    IReadOnlyDictionary<NodeKind, int> Nodes,
    IReadOnlyDictionary<EdgeKind, int> Edges,
    int AliasNames,
    int AliasLinks);
