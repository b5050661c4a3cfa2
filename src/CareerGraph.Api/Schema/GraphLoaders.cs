using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Api.Schema;

/// <summary>
/// The one place where nested fields read the graph. A store that answers from a snapshot in memory
/// (<see cref="ISnapshotStore"/>: the embedded store) is read field by field, at once, from one snapshot for the
/// request: batching keys for it would cost more than the reads. Any other store (Neo4j) is read in batches: one store
/// call per kind of data per query level. One instance per request, so nothing is cached between requests.
/// </summary>
internal sealed class GraphLoaders(ICareerGraphStore store)
{
    private readonly ISnapshotStore? _snapshots = store as ISnapshotStore;
    private IGraphFacts? _snapshot;

    // Made on the first batched read (never, on a snapshot).
    private ConcurrentDictionary<(EdgeKind, Direction), BatchLoader<string, IReadOnlyList<Edge>>>? _edges;
    private ConcurrentDictionary<(EdgeKind, Direction), BatchLoader<string, IReadOnlyList<GraphNode?>>>? _neighbours;

    private BatchLoader<string, GraphNode?>? _nodes;
    private BatchLoader<string, IReadOnlyList<Alias>>? _aliases;

    /// <summary>The snapshot this request reads, taken at its first read; null when the store is read in batches.</summary>
    private IGraphFacts? Snapshot => _snapshots is null ? null : _snapshot ??= _snapshots.Snapshot;

    public Pending<GraphNode?> Node(string id) =>
        Snapshot is { } snapshot ? Pending.Ready(NodeOrSurvivor(snapshot, id)) : NodeLoader.Load(id);

    public Pending<IReadOnlyList<T>> Nodes<T>(IEnumerable<string> ids) where T : GraphNode =>
        NodesOrNull(ids).Then(OfKind<T>);

    public Pending<IReadOnlyList<Edge>> Edges(string id, EdgeKind kind, Direction direction) =>
        Snapshot is { } snapshot
            ? Pending.Ready(snapshot.Edges(id, kind, direction))
            : LazyInitializer.EnsureInitialized(ref _edges).GetOrAdd((kind, direction), key => new((ids, ct) => EdgesByEndAsync(ids, key.Item1, key.Item2, ct), [])).Load(id);

    /// <summary>
    /// A node's edges of one kind in the order they are listed (<see cref="EdgeOrder.Listed"/>). A snapshot's lists never
    /// change, so each is put in order once and the order kept for as long as the list lives: a career's skills and
    /// related careers are not sorted again for every answer.
    /// </summary>
    public Pending<IReadOnlyList<Edge>> ListedEdges(string id, EdgeKind kind, Direction direction) =>
        Snapshot is { } snapshot && direction is Direction.Outgoing or Direction.Incoming
            ? Pending.Ready(InListedOrder(snapshot.Edges(id, kind, direction), kind, direction))
            : Edges(id, kind, direction).Then(edges => (IReadOnlyList<Edge>)EdgeOrder.Listed(edges, kind, direction));

    /// <summary>
    /// The nodes at the other end of a node's edges of one kind (<see cref="Direction.Outgoing"/>: the targets,
    /// <see cref="Direction.Incoming"/>: the sources), in the edges' order, those of kind <typeparamref name="T"/> only.
    /// In batches, the edges and then their ends are fetched in the same level: two store calls for all of its nodes.
    /// </summary>
    public Pending<IReadOnlyList<T>> Neighbours<T>(string id, EdgeKind kind, Direction direction) where T : GraphNode =>
        Snapshot is { } snapshot
            ? Pending.Ready(OfKind<T>([.. snapshot.Edges(id, kind, direction).Select(e => NodeOrSurvivor(snapshot, OtherEnd(e, direction)))]))
            : LazyInitializer.EnsureInitialized(ref _neighbours).GetOrAdd((kind, direction), key => new((ids, ct) => NeighboursByEndAsync(ids, key.Item1, key.Item2, ct), [])).Load(id).Then(OfKind<T>);

    public Pending<IReadOnlyList<Alias>> Aliases(string id) =>
        Snapshot is { } snapshot
            ? Pending.Ready(ByName(snapshot.AliasesOf(id)))
            : (_aliases ??= new(
                async (ids, ct) => (await store.GetAliasesAsync(ids, ct)).GroupBy(a => a.TargetId).ToDictionary(g => g.Key, ByName),
                [])).Load(id);

    /// <summary>Nodes in the order of the ids, null where an id is unknown; an id merged away yields its survivor.</summary>
    public Pending<IReadOnlyList<GraphNode?>> NodesOrNull(IEnumerable<string> ids) =>
        Snapshot is { } snapshot ? Pending.Ready<IReadOnlyList<GraphNode?>>([.. ids.Select(id => NodeOrSurvivor(snapshot, id))]) : NodeLoader.LoadMany(ids);

    /// <summary>Drops everything loaded so far: after a mutation, later fields of the request read the new state.</summary>
    public void Forget()
    {
        _snapshot = null;
        _edges = null;
        _neighbours = null;
        _nodes = null;
        _aliases = null;
    }

    /// <summary>The listed order of a snapshot's edge lists, by the list, per direction (a list holds one node's edges of one kind).</summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<Edge>, Edge[]>[] Listed = [.. Enum.GetValues<Direction>().Select(_ => new ConditionalWeakTable<IReadOnlyList<Edge>, Edge[]>())];

    private static IReadOnlyList<Edge> InListedOrder(IReadOnlyList<Edge> edges, EdgeKind kind, Direction direction)
    {
        if (edges.Count < 2) return edges;
        var known = Listed[(int)direction];
        if (known.TryGetValue(edges, out var listed)) return listed;
        listed = [.. EdgeOrder.Listed(edges, kind, direction)];
        known.AddOrUpdate(edges, listed);
        return listed;
    }

    private BatchLoader<string, GraphNode?> NodeLoader => _nodes ??= new(NodesByIdAsync, null);

    /// <summary>The nodes of the ids, filed under each; an id merged away is filed with its survivor.</summary>
    private async Task<IReadOnlyDictionary<string, GraphNode?>> NodesByIdAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var nodes = await store.GetNodesAsync(ids, cancellationToken);
        var found = new Dictionary<string, GraphNode?>(nodes.Count);
        foreach (var node in nodes) found[node.Id] = node;
        List<string>? missing = null;
        foreach (var id in ids)
            if (!found.ContainsKey(id)) (missing ??= []).Add(id);
        if (missing is null) return found;
        // The id of a career merged into another leads to the survivor.
        var redirects = await store.GetRedirectsAsync(missing, cancellationToken);
        if (redirects.Count == 0) return found;
        var survivors = (await store.GetNodesAsync(redirects.Values.Distinct().ToList(), cancellationToken)).ToDictionary(n => n.Id);
        foreach (var (old, survivor) in redirects)
            if (survivors.TryGetValue(survivor, out var node)) found[old] = node;
        return found;
    }

    /// <summary>The nodes at the other end of the ids' edges, filed under each asked-for end in its edges' order.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<GraphNode?>>> NeighboursByEndAsync(
        IReadOnlyCollection<string> ids, EdgeKind kind, Direction direction, CancellationToken cancellationToken)
    {
        var edges = await EdgesByEndAsync(ids, kind, direction, cancellationToken);
        var ends = edges.Values.SelectMany(filed => filed.Select(e => OtherEnd(e, direction))).Distinct().ToList();
        var nodes = ends.Count == 0 ? new Dictionary<string, GraphNode?>() : await NodesByIdAsync(ends, cancellationToken);
        return edges.ToDictionary(
            filed => filed.Key,
            filed => (IReadOnlyList<GraphNode?>)[.. filed.Value.Select(e => nodes.GetValueOrDefault(OtherEnd(e, direction)))]);
    }

    /// <summary>The edges of the ids, filed under each asked-for end.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<Edge>>> EdgesByEndAsync(
        IReadOnlyCollection<string> ids, EdgeKind kind, Direction direction, CancellationToken cancellationToken)
    {
        var edges = await store.GetEdgesAsync(ids, kind, direction, cancellationToken);
        var asked = ids as IReadOnlySet<string> ?? new HashSet<string>(ids);
        var byEnd = new Dictionary<string, List<Edge>>();
        foreach (var edge in edges)
        {
            if (direction != Direction.Incoming) File(edge.Source, edge);
            if (direction != Direction.Outgoing) File(edge.Target, edge);
        }
        var result = new Dictionary<string, IReadOnlyList<Edge>>(byEnd.Count);
        foreach (var (end, filed) in byEnd) result[end] = filed;
        return result;

        void File(string end, Edge edge)
        {
            if (!asked.Contains(end)) return;
            if (!byEnd.TryGetValue(end, out var filed)) byEnd[end] = filed = [];
            filed.Add(edge);
        }
    }

    /// <summary>The node with the id, or the career a merged-away id now stands for; as the batched load below answers.</summary>
    private static GraphNode? NodeOrSurvivor(IGraphFacts snapshot, string id) =>
        snapshot.Node(id) ?? (snapshot.RedirectOf(id) is { } survivor ? snapshot.Node(survivor) : null);

    private static string OtherEnd(Edge edge, Direction direction) => direction switch
    {
        Direction.Outgoing => edge.Target,
        Direction.Incoming => edge.Source,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "A neighbour is at one end: outgoing or incoming."),
    };

    private static IReadOnlyList<Alias> ByName(IEnumerable<Alias> aliases) => [.. aliases.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];

    private static IReadOnlyList<T> OfKind<T>(IReadOnlyList<GraphNode?> nodes) where T : GraphNode
    {
        var found = new List<T>(nodes.Count);
        foreach (var node in nodes)
            if (node is T kind) found.Add(kind);
        return found;
    }
}

/// <summary>
/// An execution's user context, with the request's loaders at hand: resolvers read them on almost every nested field,
/// and a property costs less than a lookup by name. Still the dictionary GraphQL.NET expects, for anything else.
/// </summary>
internal sealed class LoadersUserContext(IDictionary<string, object?> items, GraphLoaders loaders) : Dictionary<string, object?>(items)
{
    public GraphLoaders Loaders { get; } = loaders;
}
