using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Paths;

/// <summary>One career on a path, with what it shares with the career before it and what it adds.</summary>
public sealed record PathStep(
    string CareerId,
    Edge? Via,
    IReadOnlyList<string> SharedWithPrevious,
    IReadOnlyList<string> NewSkills,
    IReadOnlyList<string> LeftBehind);

/// <summary>The skills along a path: each step's, and the skills every career on it requires.</summary>
public sealed record PathSkills(IReadOnlyList<PathStep> Steps, IReadOnlyList<string> SharedSkills)
{
    public int Hops => Steps.Count - 1;
}

/// <summary>What moving from one career to another means for skills.</summary>
public sealed record SkillGap(string From, string To, IReadOnlyList<string> Keep, IReadOnlyList<string> Learn, IReadOnlyList<string> LeaveBehind);

/// <summary>
/// Compares careers by the skills they require. Pure functions over REQUIRES edges,
/// so both backends give the same answer. Skill lists are ordered by importance, then id.
/// </summary>
internal static class SkillComparison
{
    public static PathSkills Describe(GraphPath path, ILookup<string, Edge> requirementsByCareer)
    {
        var steps = new List<PathStep>(path.Careers.Count);
        IReadOnlyList<Edge> previous = [];
        for (var i = 0; i < path.Careers.Count; i++)
        {
            var career = path.Careers[i];
            var current = requirementsByCareer[career].ToList();
            if (i == 0)
            {
                steps.Add(new PathStep(career, null, [], Ordered(current), []));
            }
            else
            {
                var gap = Gap(path.Careers[i - 1], career, previous, current);
                steps.Add(new PathStep(career, path.Edges[i - 1], gap.Keep, gap.Learn, gap.LeaveBehind));
            }
            previous = current;
        }
        return new PathSkills(steps, Shared(path.Careers.Select(c => requirementsByCareer[c])));
    }

    public static SkillGap Gap(string from, string to, IEnumerable<Edge> fromRequirements, IEnumerable<Edge> toRequirements)
    {
        var have = fromRequirements.ToList();
        var need = toRequirements.ToList();
        var haveIds = have.Select(e => e.Target).ToHashSet();
        var needIds = need.Select(e => e.Target).ToHashSet();
        return new SkillGap(
            from,
            to,
            Keep: Ordered(need.Where(e => haveIds.Contains(e.Target))),
            Learn: Ordered(need.Where(e => !haveIds.Contains(e.Target))),
            LeaveBehind: Ordered(have.Where(e => !needIds.Contains(e.Target))));
    }

    /// <summary>Skills required by every one of the careers, ordered by their summed importance.</summary>
    public static IReadOnlyList<string> Shared(IEnumerable<IEnumerable<Edge>> requirementsPerCareer)
    {
        var lists = requirementsPerCareer.Select(r => r.ToList()).ToList();
        if (lists.Count == 0) return [];
        var common = lists.Skip(1).Aggregate(
            lists[0].Select(e => e.Target).ToHashSet(),
            (set, next) => { set.IntersectWith(next.Select(e => e.Target)); return set; });
        return lists.SelectMany(l => l)
            .Where(e => common.Contains(e.Target))
            .GroupBy(e => e.Target)
            .OrderByDescending(g => g.Sum(e => e.Importance ?? 0))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
    }

    private static IReadOnlyList<string> Ordered(IEnumerable<Edge> requirements)
    {
        var sorted = new List<Edge>(requirements);
        sorted.Sort(MostImportantFirst);
        var targets = new List<string>(sorted.Count);
        var seen = new HashSet<string>(sorted.Count, StringComparer.Ordinal);
        foreach (var edge in sorted)
            if (seen.Add(edge.Target)) targets.Add(edge.Target);
        return targets;
    }

    /// <summary>Most important first (a requirement without an importance counts 0), then by skill id.</summary>
    private static readonly Comparison<Edge> MostImportantFirst = (a, b) =>
        (b.Importance ?? 0).CompareTo(a.Importance ?? 0) is var byImportance and not 0 ? byImportance : string.CompareOrdinal(a.Target, b.Target);
}
