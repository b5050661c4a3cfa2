namespace CareerGraph.Model;

/// <summary>
/// The order in which a node's edges are listed, wherever they are shown: requirements most important first, related
/// careers closest first. Ties go by the other end's id, so the same graph always answers in the same order.
/// </summary>
public static class EdgeOrder
{
    /// <summary>REQUIRES edges, most important first, seen from <paramref name="end"/>: the career (its skills) or the skill (the careers that require it).</summary>
    public static List<Edge> MostImportantFirst(IEnumerable<Edge> requirements, Direction end = Direction.Outgoing) =>
        [.. requirements
            .OrderByDescending(e => e.Importance ?? EdgeDefaults.Importance)
            .ThenBy(e => end == Direction.Incoming ? e.Source : e.Target, StringComparer.Ordinal)];

    /// <summary>SEE_ALSO edges, closest tier first, then the strongest, seen from <paramref name="end"/>: links a career makes, or links made to it.</summary>
    public static List<Edge> ClosestFirst(IEnumerable<Edge> links, Direction end = Direction.Outgoing) =>
        [.. links
            .OrderBy(e => e.Tier ?? EdgeDefaults.Tier)
            .ThenByDescending(e => e.Strength)
            .ThenBy(e => end == Direction.Incoming ? e.Source : e.Target, StringComparer.Ordinal)];
}
