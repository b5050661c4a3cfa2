using System.Globalization;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Moves;

/// <summary>"I know Python, SQL and Docker: which careers fit me?" as a client asks it: skills by id, name or alias.</summary>
public sealed record CareerMatchRequest(IReadOnlyList<string> Skills)
{
    public int First { get; init; } = 10;

    /// <summary>Only careers whose O*NET job zone is at most this (1 to 5); careers without one are then left out.</summary>
    public int? MaxJobZone { get; init; }
}

/// <summary>The careers to rank for a person's skills, given by id.</summary>
public sealed record CareerMatchesQuery(IReadOnlyList<string> Skills)
{
    public int First { get; init; } = 10;
    public int? MaxJobZone { get; init; }
}

/// <summary>
/// One ranked career for a person's skills: its score in [0, 1], the share of its requirement weight the person has
/// (<see cref="MatchWeights"/>), the REQUIRES edges of the career the person has and those they miss (core first, then
/// most important), and the reasons in plain words.
/// </summary>
public sealed record CareerMatch(
    string CareerId,
    double Score,
    double Coverage,
    IReadOnlyList<Edge> MatchedSkills,
    IReadOnlyList<Edge> MissingSkills,
    IReadOnlyList<string> Reasons);

/// <summary>
/// The weights of the match score, in one place:
/// score = the weighted harmonic mean of coverage and use, 1 ÷ (Coverage ÷ coverage + Use ÷ use), 0 when either is 0.
/// coverage = Σ weight of the career's requirements the person has ÷ Σ weight of all its requirements, where a
/// requirement weighs its importance, times <see cref="Core"/> for a core skill.
/// use = Σ rarity of the person's skills the career requires ÷ Σ rarity of all the person's skills, where a skill
/// required by at most <see cref="MoveWeights.CommonSkill"/> careers has rarity 1 and one required by n more careers
/// CommonSkill ÷ n. A career must need what the person has (coverage) and use what is distinctive in it (use): a
/// career that only shares Microsoft Excel, required by most O*NET occupations, scores little for someone who also
/// knows Python and SQL. Like precision and recall in the F-measure, the harmonic mean is low when either is.
/// </summary>
public static class MatchWeights
{
    public const double Coverage = 0.5;
    public const double Use = 0.5;

    /// <summary>How many times an optional requirement of the same importance a core one weighs.</summary>
    public const double Core = 2.0;

    /// <summary>What one REQUIRES edge weighs in coverage: importance, times <see cref="Core"/> when core.</summary>
    public static double RequirementWeight(Edge requirement) => (requirement.Importance ?? 0) * (requirement.Core == true ? Core : 1.0);

    /// <summary>What a skill required by this many careers weighs in use: 1 up to <see cref="MoveWeights.CommonSkill"/>, then less.</summary>
    public static double Rarity(int requiredBy) => requiredBy <= MoveWeights.CommonSkill ? 1.0 : (double)MoveWeights.CommonSkill / requiredBy;

    /// <summary>The score from the two terms, rounded to 4 decimals.</summary>
    public static double Score(double coverage, double use) =>
        coverage <= 0 || use <= 0 ? 0 : Math.Round(1 / (Coverage / coverage + Use / use), 4);
}

/// <summary>
/// Ranks careers for a person's skills with one rule for every backend. Candidates are the careers that require at
/// least one of the skills, found through those skills' incoming REQUIRES edges; a backend passes the graph it holds,
/// or the slice of it that holds those careers, their REQUIRES edges and skills.
/// </summary>
public static class CareerMatches
{
    private const int NamedSkills = 3;

    /// <param name="graph">The graph a store holds, or the slice of it described above.</param>
    /// <param name="requirements">Who requires which skill among the same careers.</param>
    public static IReadOnlyList<CareerMatch> Find(CareerMatchesQuery query, IGraphFacts graph, RequirementIndex requirements, CancellationToken cancellationToken = default)
    {
        if (query.First <= 0) return [];
        var skills = query.Skills.Distinct(StringComparer.Ordinal).ToList();
        var careers = requirements.Paths;
        var had = new double[careers.Count];
        var used = new double[careers.Count];
        var candidates = new List<int>();
        var totalRarity = 0.0;
        // Summed skill by skill into arrays by career number, so a candidate then costs a few array reads.
        foreach (var skill in skills)
        {
            var requirers = requirements.RequirersOf(skill);
            var rarity = MatchWeights.Rarity(requirers.Length);
            totalRarity += rarity;
            foreach (var requirer in requirers)
            {
                if (used[requirer.Career] == 0) candidates.Add(requirer.Career);
                had[requirer.Career] += requirer.Weight;
                used[requirer.Career] += rarity;
            }
        }

        var scored = new List<(Career Career, double Score, double Coverage)>(candidates.Count);
        foreach (var number in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (graph.Node(careers.IdOf(number)) is not Career career) continue;
            if (query.MaxJobZone is { } max && !(career.JobZone is { } zone && zone <= max)) continue;
            var total = requirements.WeightOf(number);
            var coverage = total <= 0 ? 0 : had[number] / total;
            scored.Add((career, MatchWeights.Score(coverage, used[number] / totalRarity), Math.Round(coverage, 4)));
        }
        var have = skills.ToHashSet(StringComparer.Ordinal);
        return [.. scored
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Coverage)
            .ThenBy(m => m.Career.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Career.Id, StringComparer.Ordinal)
            .Take(query.First)
            .Select(m => Describe(graph, requirements, m.Career, m.Score, m.Coverage, have, skills.Count))];
    }

    private static CareerMatch Describe(IGraphFacts graph, RequirementIndex requirements, Career career, double score, double coverage, HashSet<string> have, int given)
    {
        string Name(string id) => graph.Node(id)?.Name ?? id;
        var ordered = graph.Edges(career.Id, EdgeKind.Requires, Direction.Outgoing)
            .OrderByDescending(e => e.Core == true)
            .ThenByDescending(e => e.Importance ?? 0)
            .ThenBy(e => Name(e.Target), StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Target, StringComparer.Ordinal)
            .ToList();
        var matched = ordered.Where(e => have.Contains(e.Target)).ToList();
        var missing = ordered.Where(e => !have.Contains(e.Target)).ToList();

        var reasons = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"you have {Percent(coverage)} of what it requires: {List([.. matched.Take(NamedSkills).Select(e => Name(e.Target))], matched.Count)}"),
            $"uses {matched.Count} of your {given} {(given == 1 ? "skill" : "skills")}",
        };
        var common = matched.Select(e => (Skill: e.Target, RequiredBy: requirements.RequirersOf(e.Target).Length))
            .Where(s => s.RequiredBy > MoveWeights.CommonSkill).ToList();
        if (common.Count == 1)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{Name(common[0].Skill)} counts less: {common[0].RequiredBy} careers require it"));
        else if (common.Count > 1)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{List([.. common.Take(NamedSkills).Select(s => Name(s.Skill))], common.Count)} count less: more than {MoveWeights.CommonSkill} careers require each"));
        reasons.Add(missing.Count == 0 ? "nothing to learn" : $"to learn: {List([.. missing.Take(NamedSkills).Select(e => Name(e.Target))], missing.Count)}");
        if (career.JobZone is { } zone) reasons.Add($"job zone {zone}");
        return new CareerMatch(career.Id, score, coverage, matched, missing, reasons);
    }

    private static string Percent(double share) => $"{Math.Round(share * 100):0}%";

    /// <summary>"A", "A and B", "A, B and C", "A, B, C and 4 more".</summary>
    private static string List(IReadOnlyList<string> named, int total)
    {
        var more = total - named.Count;
        if (more > 0) return $"{string.Join(", ", named)} and {more} more";
        return named.Count <= 1 ? string.Concat(named) : $"{string.Join(", ", named.SkipLast(1))} and {named[^1]}";
    }
}

/// <summary>
/// The career-matches use case, shaped as <see cref="Paths.CareerPaths"/> and <see cref="CareerMoveAdvice"/> are: a class given
/// its store and limits once, from configuration, so a resolver passes only the request; the ranking itself is
/// <see cref="CareerMatches.Find"/>, which each store calls over the graph it holds.
/// </summary>
public sealed class CareerMatchAdvice(ICareerGraphStore store, int maxFirst)
{
    /// <summary>The most skills one request may give.</summary>
    public const int MaxSkills = 50;

    /// <summary>How many close skills a refusal of an unknown one suggests.</summary>
    public const int Suggestions = 3;

    /// <summary>
    /// The use case: each skill resolved by id, name or alias (unknown: NOT_FOUND with the closest skills the search
    /// finds; an alias of several: AMBIGUOUS_REFERENCE with the candidates), the counts checked, the store asked.
    /// </summary>
    public async Task<IReadOnlyList<CareerMatch>> FindAsync(CareerMatchRequest request, CancellationToken cancellationToken)
    {
        InvalidRequestException.Bounded(request.Skills.Count, "skills", 1, MaxSkills);
        var first = InvalidRequestException.Bounded(request.First, "first", 1, maxFirst);
        if (request.MaxJobZone is { } zone) InvalidRequestException.Bounded(zone, "maxJobZone", 1, 5);
        var ids = new List<string>();
        foreach (var reference in request.Skills)
        {
            if (string.IsNullOrWhiteSpace(reference))
                throw InvalidRequestException.InvalidArgument("skills", "'skills' holds an empty skill; give each as an id, a name or an alias.");
            var found = await store.ResolveAsync(reference, NodeKind.Skill, cancellationToken);
            ids.Add(found.Count switch
            {
                1 => found[0].Id,
                0 => throw await UnknownSkillAsync(reference, cancellationToken),
                _ => throw InvalidRequestException.Ambiguous("skills", reference, found),
            });
        }
        return await store.FindCareerMatchesAsync(new CareerMatchesQuery([.. ids.Distinct()]) { First = first, MaxJobZone = request.MaxJobZone }, cancellationToken);
    }

    private async Task<InvalidRequestException> UnknownSkillAsync(string reference, CancellationToken cancellationToken)
    {
        var close = await store.SearchAsync(new SearchQuery(reference, new HashSet<NodeKind> { NodeKind.Skill }, Suggestions), cancellationToken);
        var names = close.Select(hit => hit.Node).DistinctBy(n => n.Id).ToList();
        var advice = names.Count == 0
            ? "Try the search query to find the right one."
            : $"Did you mean {string.Join(", ", names.Select(n => $"{n.Name} ({n.Id})"))}?";
        return new InvalidRequestException(RuleCodes.NotFound,
            $"No skill has the id, name or alias '{reference}' (argument 'skills'). {advice}",
            new Dictionary<string, object?>
            {
                ["argument"] = "skills",
                ["reference"] = reference,
                ["suggestions"] = names.Select(n => new Dictionary<string, object?> { ["id"] = n.Id, ["name"] = n.Name }).ToList(),
            });
    }
}
