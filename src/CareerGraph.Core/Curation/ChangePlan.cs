using CareerGraph.Model;

namespace CareerGraph.Curation;

/// <summary>
/// What an accepted change set does to the stored graph, worked out before anything is written. A
/// backend executes it in one transaction, in this order: delete edges, aliases, redirects, nodes;
/// then put nodes, edges, aliases, redirects; then append the audit records. Every list is final
/// state, so executing it is the same on every backend and idempotent.
/// </summary>
public sealed record ChangePlan(
    IReadOnlyList<Edge> EdgesToDelete,
    IReadOnlyList<Alias> AliasesToDelete,
    IReadOnlyList<string> RedirectsToDelete,
    IReadOnlyList<string> NodesToDelete,
    IReadOnlyList<GraphNode> NodesToPut,
    IReadOnlyList<Edge> EdgesToPut,
    IReadOnlyList<Alias> AliasesToPut,
    IReadOnlyList<Redirect> RedirectsToPut,
    IReadOnlyList<AuditRecord> Audit)
{
    public bool IsEmpty => Audit.Count == 0;
}
