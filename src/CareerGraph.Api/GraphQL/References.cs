using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Api.GraphQL;

/// <summary>Turns what a client typed (an id, a name or an alias) into exactly one node, or a clear error.</summary>
internal static class References
{
    public static async Task<GraphNode> ResolveOneAsync(this ICareerGraphStore store, string argument, string reference, NodeKind kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw GraphError.InvalidArgument(argument, $"'{argument}' is empty; give an id, a name or an alias.");
        var candidates = await store.ResolveAsync(reference, kind, cancellationToken);
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw GraphError.NotFound(argument, reference, kind),
            _ => throw GraphError.Ambiguous(argument, reference, candidates),
        };
    }

    public static async Task<string?> ResolveIdAsync(this ICareerGraphStore store, string argument, string? reference, NodeKind kind, CancellationToken cancellationToken) =>
        reference is null ? null : (await store.ResolveOneAsync(argument, reference, kind, cancellationToken)).Id;
}
