using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Moves;

/// <summary>How a move may change the preparation a career needs (O*NET job zone).</summary>
public enum JobZoneChange { Any, SameOrLower, SameOrHigher }

/// <summary>"Where can I go from here?": the careers to rank as moves from one career.</summary>
public sealed record CareerMovesQuery(string From)
{
    public int First { get; init; } = 10;
    public int MaxHops { get; init; } = 2;
    public double MinWeight { get; init; } = PathDefaults.MinWeight;
    public JobZoneChange JobZone { get; init; } = JobZoneChange.Any;
}

/// <summary>
/// One ranked move: the target career, its score in [0, 1], the skills that carry over and those to learn
/// (most important to the target first), the best walk from the origin (null when none within maxHops) and the reasons in plain words.
/// </summary>
public sealed record CareerMove(
    string CareerId,
    double Score,
    IReadOnlyList<string> SharedSkills,
    IReadOnlyList<string> SkillsToLearn,
    GraphPath? Path,
    IReadOnlyList<string> Reasons);

/// <summary>
/// The weights of the move score, in one place:
/// score = Skills × overlap + Link × link strength + Closeness × (1 / hops), where overlap is the weighted
/// Jaccard similarity of the two careers' skills (Σ min importance / Σ max importance), link strength the mean
/// weight of the links on the best walk (SPECIALISATION_OF counts 1), and a career with no walk within maxHops
/// scores on overlap alone.
/// </summary>
public static class MoveWeights
{
    public const double Skills = 0.6;
    public const double Link = 0.25;
    public const double Closeness = 0.15;

    /// <summary>A skill of the origin this important (or core) brings in careers that share it without a link.</summary>
    public const double ImportantSkill = 0.7;
}

/// <summary>
/// Ranks career moves with one rule for every backend. Candidates are the careers within maxHops walkable links
/// (SEE_ALSO of at least minWeight, SPECIALISATION_OF, either way) and the careers that require one of the origin's
/// important skills, found through those skills' incoming REQUIRES edges. A backend passes the graph it holds, or
/// the slice of it that holds the origin, those candidates, their REQUIRES edges and skills, and the links among
/// the careers within reach.
/// </summary>
public static class CareerMoves
{
    private const int NamedSkills = 3;

    public static IReadOnlyList<CareerMove> Find(CareerMovesQuery query, IGraphFacts graph, CancellationToken cancellationToken = default)
    {
        if (graph.Node(query.From) is not Career from || query.First <= 0) return [];
        var (reached, links) = Reach(graph, from.Id, query, cancellationToken);
        var have = graph.Edges(from.Id, EdgeKind.Requires, Direction.Outgoing);
        var skills = Importances(have);
        var sharers = have
            .Where(e => e.Core == true || (e.Importance ?? 0) >= MoveWeights.ImportantSkill)
            .SelectMany(e => graph.Edges(e.Target, EdgeKind.Requires, Direction.Incoming))
            .Select(e => e.Source);

        // Every candidate is scored from the walk's length and strength found by the breadth-first reach; only the moves
        // kept get their walk from the path finder and are described, which is most of the work per move.
        var scored = new List<(Career Career, double Score, bool Linked)>();
        foreach (var id in reached.Keys.Concat(sharers).Distinct().Where(id => id != from.Id))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (graph.Node(id) is not Career career || !FitsJobZone(from, career, query.JobZone)) continue;
            var overlap = Overlap(skills, graph.Edges(id, EdgeKind.Requires, Direction.Outgoing));
            var linked = reached.TryGetValue(id, out var walk);
            if (!linked && overlap == 0) continue;
            var score = MoveWeights.Skills * overlap
                      + (linked ? MoveWeights.Link * walk.Strength / walk.Hops + MoveWeights.Closeness / walk.Hops : 0);
            scored.Add((career, Math.Round(score, 4), linked));
        }
        var walks = new PathFinder(reached.Keys, links);
        return [.. scored
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Career.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Career.Id, StringComparer.Ordinal)
            .Take(query.First)
            .Select(m =>
            {
                var path = m.Linked ? walks.Find(new PathQuery(from.Id, m.Career.Id) { MaxHops = query.MaxHops, MinWeight = query.MinWeight }, cancellationToken).FirstOrDefault() : null;
                var gap = SkillComparison.Gap(from.Id, m.Career.Id, have, graph.Edges(m.Career.Id, EdgeKind.Requires, Direction.Outgoing));
                return new CareerMove(m.Career.Id, m.Score, gap.Keep, gap.Learn, path, Reasons(graph, from, m.Career, path, gap, query.MaxHops));
            })];
    }

    /// <summary>Weighted Jaccard similarity of two careers' skills: Σ min(importance) / Σ max(importance) over both.</summary>
    public static double Overlap(IEnumerable<Edge> have, IEnumerable<Edge> need) => Overlap(Importances(have), [.. need]);

    /// <summary>Σ max is Σ have + Σ need − Σ min, so one pass over the target's skills is enough.</summary>
    private static double Overlap(Dictionary<string, double> have, IReadOnlyList<Edge> need)
    {
        double least = 0, needed = 0;
        foreach (var edge in need)
        {
            var importance = edge.Importance ?? 0;
            needed += importance;
            if (have.TryGetValue(edge.Target, out var had)) least += Math.Min(had, importance);
        }
        var most = have.Values.Sum() + needed - least;
        return most == 0 ? 0 : least / most;
    }

    private static Dictionary<string, double> Importances(IEnumerable<Edge> requirements) =>
        requirements.GroupBy(e => e.Target).ToDictionary(g => g.Key, g => g.Max(e => e.Importance ?? 0), StringComparer.Ordinal);

    /// <summary>
    /// The careers within maxHops walkable links of the origin, breadth first, each with the length of its best walk and
    /// that walk's summed link strength: fewest hops, then the strongest links, the path finder's rule. Also the walkable
    /// links among them.
    /// </summary>
    private static (Dictionary<string, (int Hops, double Strength)> Careers, List<Edge> Links) Reach(
        IGraphFacts graph, string from, CareerMovesQuery query, CancellationToken cancellationToken)
    {
        var reached = new Dictionary<string, (int Hops, double Strength)>(StringComparer.Ordinal) { [from] = (0, 0) };
        var links = new Dictionary<string, Edge>(StringComparer.Ordinal);
        var frontier = new List<string> { from };
        for (var hop = 0; hop <= query.MaxHops && frontier.Count > 0; hop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = new List<string>();
            foreach (var id in frontier)
                foreach (var edge in EdgeKinds.CareerToCareer.SelectMany(k => graph.Edges(id, k, Direction.Both)))
                {
                    if (edge.Strength < query.MinWeight) continue;
                    var other = edge.Other(id);
                    var strength = reached[id].Strength + edge.Strength;
                    if (reached.TryGetValue(other, out var known))
                    {
                        links.TryAdd(edge.Id, edge);
                        if (known.Hops == hop + 1 && strength > known.Strength) reached[other] = (hop + 1, strength);
                    }
                    else if (hop < query.MaxHops)
                    {
                        reached[other] = (hop + 1, strength);
                        next.Add(other);
                        links.TryAdd(edge.Id, edge);
                    }
                }
            frontier = next;
        }
        return (reached, [.. links.Values]);
    }

    private static bool FitsJobZone(Career from, Career to, JobZoneChange change) => change switch
    {
        JobZoneChange.SameOrLower => to.JobZone is { } zone && zone <= from.JobZone,
        JobZoneChange.SameOrHigher => to.JobZone is { } zone && zone >= from.JobZone,
        _ => true,
    };

    private static IReadOnlyList<string> Reasons(IGraphFacts graph, Career from, Career to, GraphPath? path, SkillGap gap, int maxHops)
    {
        string Name(string id) => graph.Node(id)?.Name ?? id;
        var reasons = new List<string>();
        if (path is { Hops: 1 } && path.Edges[0] is var link)
            reasons.Add(link.Kind == EdgeKind.SpecialisationOf
                ? link.Source == to.Id ? $"specialises {from.Name}" : $"{from.Name} specialises it"
                : link.Tier is { } tier ? $"related to {from.Name} (tier {tier})" : $"related to {from.Name}");
        else if (path is not null)
            reasons.Add($"{path.Hops} steps away, via {List(path.Careers.Skip(1).SkipLast(1).Select(Name).ToList(), path.Hops - 1)}");
        else
            reasons.Add($"no link within {maxHops} {(maxHops == 1 ? "hop" : "hops")}; found through shared skills");
        if (gap.Keep.Count > 0) reasons.Add($"shares {List(gap.Keep.Take(NamedSkills).Select(Name).ToList(), gap.Keep.Count)}");
        if (gap.Learn.Count > 0) reasons.Add($"to learn: {List(gap.Learn.Take(NamedSkills).Select(Name).ToList(), gap.Learn.Count)}");
        if (from.JobZone is { } before && to.JobZone is { } after && before != after)
            reasons.Add($"job zone {before} → {after} ({(after > before ? "more" : "less")} preparation)");
        return reasons;
    }

    /// <summary>"A", "A and B", "A, B and C", "A, B, C and 4 more".</summary>
    private static string List(IReadOnlyList<string> named, int total)
    {
        var more = total - named.Count;
        if (more > 0) return $"{string.Join(", ", named)} and {more} more";
        return named.Count <= 1 ? string.Concat(named) : $"{string.Join(", ", named.SkipLast(1))} and {named[^1]}";
    }
}
