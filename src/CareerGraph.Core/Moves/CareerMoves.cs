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
/// (most important to the target first), the best path from the origin (null when none within maxHops) and the reasons in plain words.
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
/// weight of the links on the best path (SPECIALISATION_OF counts 1), and a career with no path within maxHops
/// scores on overlap alone.
/// </summary>
public static class MoveWeights
{
    public const double Skills = 0.6;
    public const double Link = 0.25;
    public const double Closeness = 0.15;

    /// <summary>A skill of the origin this important (or core) brings in careers that share it without a link.</summary>
    public const double ImportantSkill = 0.7;

    /// <summary>
    /// A skill required by more careers than this is too common to bring in a move on its own (Microsoft Excel is required
    /// by most O*NET occupations and says little about a move); it still counts in the overlap.
    /// </summary>
    public const int CommonSkill = 100;
}

/// <summary>
/// Ranks career moves with one rule for every backend. Candidates are the careers within maxHops walkable links
/// (SEE_ALSO of at least minWeight, SPECIALISATION_OF, either way) and the careers that require one of the origin's
/// important skills required by at most <see cref="MoveWeights.CommonSkill"/> careers, found through those skills'
/// incoming REQUIRES edges. A backend passes the graph it holds, or the slice of it that holds the origin, those
/// candidates, their REQUIRES edges and skills, and the links among the careers within reach.
/// </summary>
public static class CareerMoves
{
    private const int NamedSkills = 3;

    /// <param name="graph">The graph a store holds, or the slice of it described above.</param>
    /// <param name="requirements">Who requires which skill among the same careers, numbered as its path finder numbers them.</param>
    public static IReadOnlyList<CareerMove> Find(CareerMovesQuery query, IGraphFacts graph, RequirementIndex requirements, CancellationToken cancellationToken = default)
    {
        var paths = requirements.Paths;
        if (graph.Node(query.From) is not Career from || query.First <= 0 || !paths.TryNumber(from.Id, out var origin)) return [];
        var reach = paths.Reach(from.Id, query.MaxHops, query.MinWeight, cancellationToken);
        var have = graph.Edges(from.Id, EdgeKind.Requires, Direction.Outgoing);
        var (least, sharer) = Shared(requirements, have);
        var had = requirements.ImportanceOf(origin);

        // Every candidate is scored from arrays: its summed shared importance, its own summed importance, and the length
        // and strength of its best path; only the moves kept are described, which is most of the work per move.
        var scored = new List<(Career Career, double Score)>();
        for (var number = 0; number < paths.Count; number++)
        {
            var linked = reach.Reaches(number, out var hops, out var strength);
            if (number == origin || !(linked || sharer[number] && least[number] > 0)) continue;
            cancellationToken.ThrowIfCancellationRequested();
            if (graph.Node(paths.IdOf(number)) is not Career career || !FitsJobZone(from, career, query.JobZone)) continue;
            // Weighted Jaccard similarity, Σ min / Σ max over the skills of either; Σ max is Σ had + Σ needed − Σ min.
            var most = had + requirements.ImportanceOf(number) - least[number];
            var score = MoveWeights.Skills * (most == 0 ? 0 : least[number] / most)
                      + (linked ? MoveWeights.Link * strength / hops + MoveWeights.Closeness / hops : 0);
            scored.Add((career, Math.Round(score, 4)));
        }
        return [.. scored
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Career.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Career.Id, StringComparer.Ordinal)
            .Take(query.First)
            .Select(m =>
            {
                var path = reach.PathTo(m.Career.Id);
                var gap = SkillComparison.Gap(from.Id, m.Career.Id, have, graph.Edges(m.Career.Id, EdgeKind.Requires, Direction.Outgoing));
                return new CareerMove(m.Career.Id, m.Score, gap.Keep, gap.Learn, path, Reasons(graph, from, m.Career, path, gap, query.MaxHops));
            })];
    }

    /// <summary>
    /// Σ min(importance) over the skills each career shares with the origin, by career number, walked skill by skill from
    /// the origin's requirements to the careers that require them; and whether a career requires an important and
    /// distinctive skill of the origin (see <see cref="MoveWeights.CommonSkill"/>), which makes it a candidate without a link.
    /// </summary>
    private static (double[] Least, bool[] Sharer) Shared(RequirementIndex requirements, IReadOnlyList<Edge> have)
    {
        var least = new double[requirements.Paths.Count];
        var sharer = new bool[requirements.Paths.Count];
        foreach (var requirement in have)
        {
            var importance = requirement.Importance ?? 0;
            var requirers = requirements.RequirersOf(requirement.Target);
            var bringsIn = (requirement.Core == true || importance >= MoveWeights.ImportantSkill) && requirers.Length <= MoveWeights.CommonSkill;
            foreach (var (career, theirs, _) in requirers)
            {
                least[career] += Math.Min(importance, theirs);
                sharer[career] |= bringsIn;
            }
        }
        return (least, sharer);
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

/// <summary>"Where can I go from here?" as a client asks it: the career by id, name or alias, and the search's bounds.</summary>
public sealed record CareerMoveRequest(string From)
{
    public int First { get; init; } = 10;
    public int MaxHops { get; init; } = 2;
    public double MinWeight { get; init; } = PathDefaults.MinWeight;
    public JobZoneChange JobZone { get; init; } = JobZoneChange.Any;
}

/// <summary>A ranked move with its best path described in skills (null when there is no path within maxHops).</summary>
public sealed record DescribedMove(CareerMove Move, CareerPath? Path);

/// <summary>
/// The career-moves use case: the career resolved, arguments checked against the rules and the limits, the store asked,
/// and each move's path described in skills. A refusal is an <see cref="InvalidRequestException"/>.
/// </summary>
public sealed class CareerMoveAdvice(ICareerGraphStore store, PathLimits limits, int maxFirst)
{
    public async Task<IReadOnlyList<DescribedMove>> FindAsync(CareerMoveRequest request, CancellationToken cancellationToken)
    {
        var from = await store.ResolveOneAsync("from", request.From, NodeKind.Career, cancellationToken);
        var query = new CareerMovesQuery(from.Id)
        {
            First = InvalidRequestException.Bounded(request.First, "first", 1, maxFirst),
            MaxHops = InvalidRequestException.Bounded(request.MaxHops, "maxHops", 1, limits.MaxHops),
            MinWeight = InvalidRequestException.Bounded(request.MinWeight, "minWeight", 0.0, 1.0),
            JobZone = request.JobZone,
        };
        if (query.JobZone != JobZoneChange.Any && from is Career { JobZone: null })
            throw InvalidRequestException.InvalidArgument("jobZone", $"'{from.Name}' has no job zone to compare with; leave 'jobZone' out or use ANY.");

        var moves = await store.FindCareerMovesAsync(query, cancellationToken);
        var onPaths = moves.SelectMany(m => m.Path?.Careers ?? []).Distinct().ToList();
        var requirements = await store.RequirementsOfAsync(onPaths, cancellationToken);
        return moves.Select(m => new DescribedMove(m, m.Path is { } path ? new CareerPath(path, SkillComparison.Describe(path, requirements)) : null)).ToList();
    }
}
