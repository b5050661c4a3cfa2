using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Paths;

/// <summary>
/// A path between careers (the GraphQL type CareerPath): the path the store found, and the skills along it.
/// </summary>
public sealed record CareerPath(GraphPath Path, PathSkills Skills);

/// <summary>A path request as a client gives it: careers by id, name or alias, and the path's bounds.</summary>
public sealed record PathRequest(string From, string To)
{
    /// <summary>The kinds of edge a path may use; the edges that join careers when null.</summary>
    public IReadOnlyList<EdgeKind>? Via { get; init; }
    public int MaxHops { get; init; } = 4;
    public double MinWeight { get; init; } = PathDefaults.MinWeight;
    /// <summary>How many paths at most, best first.</summary>
    public int K { get; init; } = 1;
}

/// <summary>The largest path requests the service answers (from configuration).</summary>
public sealed record PathLimits(int MaxHops, int MaxPaths);

/// <summary>
/// The path and skill use cases: references resolved to careers, arguments checked against the rules and the limits,
/// the store asked, and the answer described in skills. A refusal is an <see cref="InvalidRequestException"/>.
/// </summary>
public sealed class CareerPaths(ICareerGraphStore store, PathLimits limits)
{
    /// <summary>The most careers one skill comparison takes.</summary>
    public const int MaxComparedCareers = 20;

    public async Task<IReadOnlyList<CareerPath>> FindAsync(PathRequest request, CancellationToken cancellationToken)
    {
        var k = InvalidRequestException.Bounded(request.K, "k", 1, limits.MaxPaths);
        var from = await store.ResolveOneAsync("from", request.From, NodeKind.Career, cancellationToken);
        var to = await store.ResolveOneAsync("to", request.To, NodeKind.Career, cancellationToken);
        var via = request.Via ?? [.. EdgeKinds.CareerToCareer];
        if (via.Count == 0 || via.Any(kind => !EdgeKinds.CareerToCareer.Contains(kind)))
            throw InvalidRequestException.InvalidArgument("via", "'via' takes SEE_ALSO and/or SPECIALISATION_OF: the edges that join careers.");
        var query = new PathQuery(from.Id, to.Id)
        {
            Via = via,
            MaxHops = InvalidRequestException.Bounded(request.MaxHops, "maxHops", 1, limits.MaxHops),
            MinWeight = InvalidRequestException.Bounded(request.MinWeight, "minWeight", 0.0, 1.0),
            K = k,
        };
        var paths = await store.FindPathsAsync(query, cancellationToken);
        var requirements = await store.RequirementsOfAsync(paths.SelectMany(p => p.Careers).Distinct().ToList(), cancellationToken);
        return paths.Select(p => new CareerPath(p, SkillComparison.Describe(p, requirements))).ToList();
    }

    /// <summary>The ids of the skills every one of the careers requires, most important first.</summary>
    public async Task<IReadOnlyList<string>> SharedSkillsAsync(IReadOnlyList<string> careers, CancellationToken cancellationToken)
    {
        InvalidRequestException.Bounded(careers.Count, "careers", 1, MaxComparedCareers);
        var ids = new List<string>();
        foreach (var reference in careers)
            ids.Add((await store.ResolveOneAsync("careers", reference, NodeKind.Career, cancellationToken)).Id);
        var requirements = await store.RequirementsOfAsync(ids, cancellationToken);
        return SkillComparison.Shared(ids.Distinct().Select(id => requirements[id]));
    }

    public async Task<SkillGap> GapAsync(string fromReference, string toReference, CancellationToken cancellationToken)
    {
        var from = await store.ResolveOneAsync("from", fromReference, NodeKind.Career, cancellationToken);
        var to = await store.ResolveOneAsync("to", toReference, NodeKind.Career, cancellationToken);
        var requirements = await store.RequirementsOfAsync([from.Id, to.Id], cancellationToken);
        return SkillComparison.Gap(from.Id, to.Id, requirements[from.Id], requirements[to.Id]);
    }
}
