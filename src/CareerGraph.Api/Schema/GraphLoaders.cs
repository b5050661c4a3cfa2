using System.Collections.Concurrent;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Api.Schema;

/// <summary>
/// The one place where nested fields are batched: one store call per kind of data per query level.
/// One instance per request, so nothing is cached between requests.
/// </summary>
internal sealed class GraphLoaders(ICareerGraphStore store)
{
    /// <summary>Where an execution keeps its request's loaders in <c>ExecutionOptions.UserContext</c>.</summary>
    public const string UserContextKey = "CareerGraph.Loaders";

    private readonly ConcurrentDictionary<(EdgeKind, Direction), BatchLoader<string, IReadOnlyList<Edge>>> _edges = new();

    private BatchLoader<string, GraphNode?>? _nodes;
    private BatchLoader<string, IReadOnlyList<Alias>>? _aliases;

    public Pending<GraphNode?> Node(string id) => NodeLoader.Load(id);

    public Pending<IReadOnlyList<T>> Nodes<T>(IEnumerable<string> ids) where T : GraphNode =>
        NodeLoader.LoadMany(ids).Then(nodes => (IReadOnlyList<T>)nodes.OfType<T>().ToList());

    public Pending<IReadOnlyList<Edge>> Edges(string id, EdgeKind kind, Direction direction) =>
        _edges.GetOrAdd((kind, direction), key => new(
            async (ids, ct) => (await store.GetEdgesAsync(ids, key.Item1, key.Item2, ct))
                .SelectMany(e => Ends(e, key.Item2).Select(end => (end, e)))
                .Where(x => ids.Contains(x.end))
                .GroupBy(x => x.end, x => x.e)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<Edge>)g.ToList()),
            [])).Load(id);

    public Pending<IReadOnlyList<Alias>> Aliases(string id) =>
        (_aliases ??= new(
            async (ids, ct) => (await store.GetAliasesAsync(ids, ct))
                .GroupBy(a => a.TargetId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<Alias>)g.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList()),
            [])).Load(id);

    /// <summary>Nodes in the order of the ids, null where an id is unknown; an id merged away yields its survivor.</summary>
    public Pending<IReadOnlyList<GraphNode?>> NodesOrNull(IEnumerable<string> ids) => NodeLoader.LoadMany(ids);

    /// <summary>Drops everything loaded so far: after a mutation, later fields of the request read the new state.</summary>
    public void Forget()
    {
        _edges.Clear();
        _nodes = null;
        _aliases = null;
    }

    private BatchLoader<string, GraphNode?> NodeLoader => _nodes ??= new(
        async (ids, ct) =>
        {
            var found = (await store.GetNodesAsync(ids, ct)).ToDictionary(n => n.Id, n => (GraphNode?)n);
            var missing = ids.Where(id => !found.ContainsKey(id)).ToList();
            if (missing.Count == 0) return found;
            // The id of a career merged into another leads to the survivor.
            var redirects = await store.GetRedirectsAsync(missing, ct);
            if (redirects.Count == 0) return found;
            var survivors = (await store.GetNodesAsync(redirects.Values.Distinct().ToList(), ct)).ToDictionary(n => n.Id);
            foreach (var (old, survivor) in redirects)
                if (survivors.TryGetValue(survivor, out var node)) found[old] = node;
            return found;
        },
        null);

    /// <summary>The node(s) an edge is filed under for a direction of lookup.</summary>
    private static IEnumerable<string> Ends(Edge edge, Direction direction) => direction switch
    {
        Direction.Outgoing => [edge.Source],
        Direction.Incoming => [edge.Target],
        _ => [edge.Source, edge.Target],
    };
}
