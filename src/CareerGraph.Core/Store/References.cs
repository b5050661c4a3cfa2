using CareerGraph.Model;

namespace CareerGraph.Store;

/// <summary>Store look-ups the use cases share: what a client typed (an id, a name or an alias) as exactly one node or a clear error, and careers' requirements.</summary>
public static class References
{
    /// <summary>The one node <paramref name="reference"/> means (of <paramref name="kind"/>, or of any kind when null); INVALID_ARGUMENT when it is empty, NOT_FOUND when nothing matches.</summary>
    public static async Task<GraphNode> ResolveOneAsync(this ICareerGraphStore store, string argument, string reference, NodeKind? kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw InvalidRequestException.InvalidArgument(argument, $"'{argument}' is empty; give an id, a name or an alias.");
        return await store.ResolveAtMostOneAsync(argument, reference, kind, cancellationToken)
            ?? throw InvalidRequestException.NotFound(argument, reference, kind);
    }

    /// <summary>The node <paramref name="reference"/> means, or null when nothing matches; AMBIGUOUS_REFERENCE when it means several equally.</summary>
    public static async Task<GraphNode?> ResolveAtMostOneAsync(this ICareerGraphStore store, string argument, string reference, NodeKind? kind, CancellationToken cancellationToken)
    {
        var candidates = await store.ResolveAsync(reference, kind, cancellationToken);
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw InvalidRequestException.Ambiguous(argument, reference, candidates),
        };
    }

    public static async Task<string?> ResolveIdAsync(this ICareerGraphStore store, string argument, string? reference, NodeKind kind, CancellationToken cancellationToken) =>
        reference is null ? null : (await store.ResolveOneAsync(argument, reference, kind, cancellationToken)).Id;

    /// <summary>The REQUIRES edges of several careers in one store call, by career: what skill comparisons take.</summary>
    public static async Task<ILookup<string, Edge>> RequirementsOfAsync(this ICareerGraphStore store, IReadOnlyCollection<string> careerIds, CancellationToken cancellationToken) =>
        (await store.GetEdgesAsync(careerIds, EdgeKind.Requires, Direction.Outgoing, cancellationToken)).ToLookup(e => e.Source);
}
