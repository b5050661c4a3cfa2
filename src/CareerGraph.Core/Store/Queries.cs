using CareerGraph.Model;

namespace CareerGraph.Store;

/// <summary>Offset paging; the API turns offsets into opaque cursors.</summary>
public sealed record PageRequest(int Skip = 0, int Take = 20);

public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Skip)
{
    public bool HasNextPage => Skip + Items.Count < TotalCount;
}

public enum SortOrder { NameAscending, NameDescending }

public sealed record CareerQuery(PageRequest Page)
{
    public string? NameContains { get; init; }
    /// <summary>Careers that require this skill (id).</summary>
    public string? HasSkill { get; init; }
    /// <summary>Careers in this industry (id).</summary>
    public string? InIndustry { get; init; }
    public bool? IsSpecialisation { get; init; }
    public string? Category { get; init; }
    public SortOrder Sort { get; init; }
}

public sealed record SkillQuery(PageRequest Page)
{
    public string? NameContains { get; init; }
    public string? Category { get; init; }
    /// <summary>Skills required by this career (id).</summary>
    public string? RequiredBy { get; init; }
    public bool? Hot { get; init; }
    public SortOrder Sort { get; init; }
}

public sealed record IndustryQuery(PageRequest Page)
{
    public string? NameContains { get; init; }
    public SortOrder Sort { get; init; }
}

public sealed record SearchQuery(string Text, IReadOnlySet<NodeKind> Kinds, int First = 10);

/// <summary>A search result: the node, the name or alias that matched, and a score in (0, 1].</summary>
public sealed record SearchHit(GraphNode Node, string MatchedText, bool ViaAlias, double Score);

/// <summary>
/// A request for paths between two careers over career-to-career edges, walked in either direction.
/// Edges weaker than <see cref="MinWeight"/> (only SEE_ALSO has weights) are not walked.
/// </summary>
public sealed record PathQuery(string From, string To)
{
    public IReadOnlyList<EdgeKind> Via { get; init; } = EdgeKinds.CareerToCareer;
    public int MaxHops { get; init; } = 4;
    public double MinWeight { get; init; } = PathDefaults.MinWeight;
    public int K { get; init; } = 1;
}

public static class PathDefaults
{
    /// <summary>Generic cross-links are weaker than this and make poor career moves.</summary>
    public const double MinWeight = 0.5;
}

/// <summary>
/// A path through the graph between careers: careers in order, and the edge used to reach each career after the first
/// (Edges[i] joins Careers[i] and Careers[i + 1], possibly against its direction).
/// </summary>
public sealed record GraphPath(IReadOnlyList<string> Careers, IReadOnlyList<Edge> Edges)
{
    public int Hops => Edges.Count;

    /// <summary>The mean weight of the links walked (1 for no link): a longer path does not look stronger for being longer.</summary>
    public double Strength => Edges.Count == 0 ? 1.0 : Edges.Average(e => e.Strength);
}

public sealed record NeighbourhoodQuery(string Id)
{
    public int Depth { get; init; } = 1;
    /// <summary>Edge kinds to follow; empty means all.</summary>
    public IReadOnlyList<EdgeKind> EdgeKinds { get; init; } = [];
    /// <summary>Stop adding nodes past this many, so a hub cannot flood a drawing.</summary>
    public int MaxNodes { get; init; } = 200;
}

/// <summary>Nodes and the edges among them: the shape drawing libraries take.</summary>
public sealed record Subgraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<Edge> Edges, bool Truncated);
