namespace CareerGraph.Model;

/// <summary>
/// The order in which a node's edges are listed, wherever they are shown: requirements most important first, related
/// careers closest first. Ties go by the other end's id (then the edge's own), so the same graph always answers in the
/// same order. Sorted in place with one comparison: these run on every answer that lists edges.
/// </summary>
public static class EdgeOrder
{
    /// <summary>REQUIRES edges, most important first, seen from <paramref name="end"/>: the career (its skills) or the skill (the careers that require it).</summary>
    public static List<Edge> MostImportantFirst(IEnumerable<Edge> requirements, Direction end = Direction.Outgoing) =>
        Sorted(requirements, end == Direction.Incoming ? ImportanceThenSource : ImportanceThenTarget);

    /// <summary>SEE_ALSO edges, closest tier first, then the strongest, seen from <paramref name="end"/>: links a career makes, or links made to it.</summary>
    public static List<Edge> ClosestFirst(IEnumerable<Edge> links, Direction end = Direction.Outgoing) =>
        Sorted(links, end == Direction.Incoming ? ClosenessThenSource : ClosenessThenTarget);

    /// <summary>A node's edges of one kind as they are listed: REQUIRES most important first, SEE_ALSO closest first, others as they come.</summary>
    public static List<Edge> Listed(IEnumerable<Edge> edges, EdgeKind kind, Direction end) => kind switch
    {
        EdgeKind.Requires => MostImportantFirst(edges, end),
        EdgeKind.SeeAlso => ClosestFirst(edges, end),
        _ => [.. edges],
    };

    private static readonly Comparison<Edge> ImportanceThenTarget = (a, b) => Importance(a, b) is var c and not 0 ? c : OtherEnd(a.Target, b.Target, a, b);
    private static readonly Comparison<Edge> ImportanceThenSource = (a, b) => Importance(a, b) is var c and not 0 ? c : OtherEnd(a.Source, b.Source, a, b);
    private static readonly Comparison<Edge> ClosenessThenTarget = (a, b) => Closeness(a, b) is var c and not 0 ? c : OtherEnd(a.Target, b.Target, a, b);
    private static readonly Comparison<Edge> ClosenessThenSource = (a, b) => Closeness(a, b) is var c and not 0 ? c : OtherEnd(a.Source, b.Source, a, b);

    private static List<Edge> Sorted(IEnumerable<Edge> edges, Comparison<Edge> order)
    {
        var sorted = new List<Edge>(edges);
        sorted.Sort(order);
        return sorted;
    }

    private static int Importance(Edge a, Edge b) => (b.Importance ?? EdgeDefaults.Importance).CompareTo(a.Importance ?? EdgeDefaults.Importance);

    private static int Closeness(Edge a, Edge b) =>
        (a.Tier ?? EdgeDefaults.Tier).CompareTo(b.Tier ?? EdgeDefaults.Tier) is var tier and not 0 ? tier : b.Strength.CompareTo(a.Strength);

    private static int OtherEnd(string x, string y, Edge a, Edge b) => string.CompareOrdinal(x, y) is var c and not 0 ? c : string.CompareOrdinal(a.Id, b.Id);
}
