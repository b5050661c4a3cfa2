using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Curation;

/// <summary>
/// The graph as stored plus the operations planned so far: reads see both, and
/// <see cref="ToPlan"/> turns the difference into rows to write. Only touched things are held.
/// </summary>
internal sealed class Draft(IGraphFacts stored) : IGraphFacts
{
    // A null value means "deleted in this draft".
    private readonly Dictionary<string, GraphNode?> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, EdgeKind Kind, string Target), Edge?> _edges = [];
    private readonly Dictionary<(string Key, string Target), Alias?> _aliases = [];
    private readonly Dictionary<string, string?> _redirects = new(StringComparer.Ordinal);

    public GraphNode? Node(string id) => _nodes.TryGetValue(id, out var node) ? node : stored.Node(id);

    public IReadOnlyList<GraphNode> NodesNamed(string nameKey) =>
    [
        .. stored.NodesNamed(nameKey).Where(n => !_nodes.ContainsKey(n.Id)),
        .. _nodes.Values.OfType<GraphNode>().Where(n => Names.Key(n.Name) == nameKey),
    ];

    public Edge? Edge(string source, EdgeKind kind, string target)
    {
        return _edges.TryGetValue((source, kind, target), out var edge)
            ? edge
            : stored.Edges(source, kind, Direction.Outgoing).FirstOrDefault(e => e.Target == target);
    }

    public IReadOnlyList<Edge> Edges(string id, EdgeKind kind, Direction direction) =>
    [
        .. stored.Edges(id, kind, direction).Where(e => !_edges.ContainsKey(Key(e))),
        .. _edges.Values.OfType<Edge>().Where(e => e.Kind == kind && direction switch
        {
            Direction.Outgoing => e.Source == id,
            Direction.Incoming => e.Target == id,
            _ => e.Source == id || e.Target == id,
        }),
    ];

    public IReadOnlyList<string> ParentsOf(string id) =>
        [.. Edges(id, EdgeKind.SpecialisationOf, Direction.Outgoing).Select(e => e.Target)];

    public IReadOnlyList<Alias> AliasesOf(string id) =>
    [
        .. stored.AliasesOf(id).Where(a => !_aliases.ContainsKey((a.Key, a.TargetId))),
        .. _aliases.Values.OfType<Alias>().Where(a => a.TargetId == id),
    ];

    public string? RedirectOf(string id) => _redirects.TryGetValue(id, out var to) ? to : stored.RedirectOf(id);

    public IReadOnlyList<string> RedirectsTo(string id) =>
    [
        .. stored.RedirectsTo(id).Where(from => !_redirects.ContainsKey(from)),
        .. _redirects.Where(r => r.Value == id).Select(r => r.Key),
    ];

    public void Put(GraphNode node) => _nodes[node.Id] = node;
    public void Remove(GraphNode node) => _nodes[node.Id] = null;
    public void Put(Edge edge) => _edges[Key(edge)] = edge;
    public void Remove(Edge edge) => _edges[Key(edge)] = null;
    public void Put(Alias alias) => _aliases[(alias.Key, alias.TargetId)] = alias;
    public void Remove(Alias alias) => _aliases[(alias.Key, alias.TargetId)] = null;
    public void SetRedirect(string from, string? to) => _redirects[from] = to;

    public ChangePlan ToPlan(IReadOnlyList<AuditRecord> audit)
    {
        Edge? StoredEdge((string Source, EdgeKind Kind, string Target) k) =>
            stored.Edges(k.Source, k.Kind, Direction.Outgoing).FirstOrDefault(e => e.Target == k.Target);
        Alias? StoredAlias((string Key, string Target) k) => stored.AliasesOf(k.Target).FirstOrDefault(a => a.Key == k.Key);

        return new ChangePlan(
            EdgesToDelete: [.. _edges.Where(e => e.Value is null).Select(e => StoredEdge(e.Key)).OfType<Edge>()],
            AliasesToDelete: [.. _aliases.Where(a => a.Value is null).Select(a => StoredAlias(a.Key)).OfType<Alias>()],
            RedirectsToDelete: [.. _redirects.Where(r => r.Value is null && stored.RedirectOf(r.Key) is not null).Select(r => r.Key)],
            NodesToDelete: [.. _nodes.Where(n => n.Value is null && stored.Node(n.Key) is not null).Select(n => n.Key)],
            NodesToPut: [.. _nodes.Values.OfType<GraphNode>().Where(n => !Equals(stored.Node(n.Id), n))],
            EdgesToPut: [.. _edges.Values.OfType<Edge>().Where(e => !Equals(StoredEdge(Key(e)), e))],
            AliasesToPut: [.. _aliases.Values.OfType<Alias>().Where(a => !Equals(StoredAlias((a.Key, a.TargetId)), a))],
            RedirectsToPut: [.. _redirects.Where(r => r.Value is not null && stored.RedirectOf(r.Key) != r.Value).Select(r => new Redirect(r.Key, r.Value!))],
            Audit: audit);
    }

    private static (string, EdgeKind, string) Key(Edge edge) => (edge.Source, edge.Kind, edge.Target);
}
