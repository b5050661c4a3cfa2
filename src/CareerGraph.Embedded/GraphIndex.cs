using System.Collections.Immutable;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Embedded;

/// <summary>
/// An immutable, fully indexed snapshot of the graph. Every read of the embedded store is answered
/// from one snapshot, so readers never see a half-applied change; a commit publishes a new one. Each part is a
/// read-optimised base (hash tables and arrays, built once and never changed) under a small overlay of what changed since. A new
/// snapshot is derived from the one before by <see cref="With"/>, which adds to the overlays only what the change
/// touches, so a small curation write costs microseconds, not a rebuild of the whole index; when the overlays grow
/// past a bound, the store builds a fresh snapshot in the background (<see cref="Compacted"/>).
/// </summary>
public sealed class GraphIndex : IGraphFacts
{
    private readonly Layered<string, GraphNode> _nodes;
    private readonly Grouped<(string, EdgeKind), Edge> _outgoing;
    private readonly Grouped<(string, EdgeKind), Edge> _incoming;
    private readonly Grouped<string, Alias> _aliasesByKey;
    private readonly Grouped<string, Alias> _aliasesByTarget;
    private readonly Grouped<string, GraphNode> _nodesByName;
    private readonly ImmutableDictionary<string, string> _redirects;
    private readonly Grouped<string, Redirect> _redirectsTo;
    // Careers and skills in name order: only pages ask for them, so they are built by the first page, not by a start.
    private readonly Lazy<ImmutableSortedSet<Career>> _careers;
    private readonly Lazy<ImmutableSortedSet<Skill>> _skills;
    private readonly ImmutableSortedSet<Industry> _industries;
    private readonly Lazy<GraphDocument> _document;

    /// <summary>The whole graph, in the order a fresh load from the database gives.</summary>
    public GraphDocument Document => _document.Value;

    /// <summary>
    /// Grows by one with every snapshot the store publishes (each committed write, each reload), so anything
    /// derived from a snapshot can be cached under its version.
    /// </summary>
    public long Version { get; }

    /// <summary>
    /// Search: the one part a read needs only for search (and NOT_FOUND suggestions), so it is built apart: in the
    /// background once the store asks (<see cref="BuildSearchInBackground"/>), or by the first search. Lookups, paths and
    /// pages never wait for it.
    /// </summary>
    internal SearchIndex Search => _search.Value;
    private readonly Lazy<SearchIndex> _search;
    private int _searchQueued;

    internal PathFinder Paths { get; }

    /// <summary>Who requires which skill, numbered as <see cref="Paths"/> numbers careers; built when career moves first need it.</summary>
    internal RequirementIndex Requirements => _requirements.Value;
    private readonly Lazy<RequirementIndex> _requirements;

    /// <param name="redirects">Ids of careers merged away → the career each now stands for.</param>
    /// <param name="version">The snapshot's <see cref="Version"/>.</param>
    public GraphIndex(GraphDocument document, IReadOnlyDictionary<string, string>? redirects = null, long version = 1)
    {
        // Edges and aliases read from a snapshot file are made only when read: the parts below take from them only what they use.
        var table = document.Edges as EdgeTable;
        var aliasTable = document.Aliases is AliasTable { InKeyOrder: true } inOrder ? inOrder : null;
        var specialisations = (table?.Sources(EdgeKind.SpecialisationOf) ?? document.Edges.Where(e => e.Kind == EdgeKind.SpecialisationOf).Select(e => e.Source))
            .ToHashSet();
        var careers = document.Careers
            .Select(c => c.IsSpecialisation == specialisations.Contains(c.Id) ? c : c with { IsSpecialisation = !c.IsSpecialisation })
            .ToList();
        var flagged = document with { Careers = careers };
        _document = new(() => flagged);
        Version = version;

        var all = flagged.Nodes.ToList();

        // The parts are independent: built side by side, a large graph opens in a fraction of the time.
        Layered<string, GraphNode>? nodes = null;
        Grouped<(string, EdgeKind), Edge>? outgoing = null, incoming = null;
        Grouped<string, Alias>? aliasesByKey = null, aliasesByTarget = null;
        Grouped<string, GraphNode>? nodesByName = null;
        PathFinder? paths = null;
        var ranks = table is null ? null : new Lazy<int[]>(table.Ranks);
        Parallel.Invoke(
            () => nodes = Layered<string, GraphNode>.Of(all.Select(n => KeyValuePair.Create(n.Id, n)), StringComparer.Ordinal),
            () => outgoing = table?.BySource(ranks!.Value) ?? OutgoingEdges(document.Edges),
            () => incoming = table?.ByTarget(ranks!.Value) ?? IncomingEdges(document.Edges),
            () => (aliasesByKey, aliasesByTarget) = aliasTable is null
                ? (AliasesByKey(document.Aliases), AliasesByTarget(document.Aliases))
                : (aliasTable.ByKey(), aliasTable.ByTarget()),
            () => nodesByName = NodesByName(all),
            () => paths = table is null ? new PathFinder(careers.Select(c => c.Id), document.Edges) : PathsOf(careers, table, ranks!.Value));
        (_nodes, _outgoing, _incoming, _aliasesByKey, _aliasesByTarget, _nodesByName) = (nodes!, outgoing!, incoming!, aliasesByKey!, aliasesByTarget!, nodesByName!);
        Paths = paths!;
        var requiredSkills = table?.Targets(EdgeKind.Requires) ?? document.Edges.Where(e => e.Kind == EdgeKind.Requires).Select(e => e.Target);
        _search = new(() => new SearchIndex(all, document.Aliases, requiredSkills, id => nodes![id]));
        _requirements = new(() => new RequirementIndex(Paths, table?.OfKinds(EdgeKind.Requires) ?? document.Edges));
        (_careers, _skills, _industries) = (new(() => ByName(careers)), new(() => ByName(document.Skills)), ByName(document.Industries));
        _redirects = (redirects ?? new Dictionary<string, string>()).ToImmutableDictionary(StringComparer.Ordinal);
        _redirectsTo = Grouped<string, Redirect>.Of(_redirects.Select(r => new Redirect(r.Key, r.Value)), r => r.To, (a, b) => string.CompareOrdinal(a.From, b.From), StringComparer.Ordinal);
    }

    // The parts' builders are internal so that the benchmarks can time each alone (`--open-parts`).

    /// <summary>The walk graph from the numbers of a snapshot file's edge table, no edge made; <paramref name="ranks"/> are the table's <see cref="EdgeTable.Ranks"/>.</summary>
    internal static PathFinder PathsOf(IReadOnlyList<Career> careers, EdgeTable table, int[] ranks)
    {
        var ids = careers.Select(c => c.Id).ToArray();
        return table.CareerLinks(ids, ranks) is { } links ? new PathFinder(ids, table, links) : new PathFinder(ids, table.OfKinds([.. EdgeKinds.CareerToCareer]));
    }

    // The orders within groups are those of the database's ORDER BY, so a derived snapshot reads like a fresh load.
    internal static Grouped<(string, EdgeKind), Edge> OutgoingEdges(IEnumerable<Edge> edges) =>
        Grouped<(string, EdgeKind), Edge>.Of(edges, e => (e.Source, e.Kind), (a, b) => string.CompareOrdinal(a.Target, b.Target));

    internal static Grouped<(string, EdgeKind), Edge> IncomingEdges(IEnumerable<Edge> edges) =>
        Grouped<(string, EdgeKind), Edge>.Of(edges, e => (e.Target, e.Kind), (a, b) => string.CompareOrdinal(a.Source, b.Source));

    // Most keys name one alias, and only a reference by name reads them: sorted, they need no table entry or array each.
    internal static Grouped<string, Alias> AliasesByKey(IEnumerable<Alias> aliases) =>
        Grouped<string, Alias>.OfSorted(aliases, a => a.Key, (a, b) => string.CompareOrdinal(a.TargetId, b.TargetId), StringComparer.Ordinal);

    internal static Grouped<string, Alias> AliasesByTarget(IEnumerable<Alias> aliases) =>
        Grouped<string, Alias>.Of(aliases, a => a.TargetId, (a, b) => string.CompareOrdinal(a.Key, b.Key), StringComparer.Ordinal, keyedBy: a => a.Key);

    internal static Grouped<string, GraphNode> NodesByName(IEnumerable<GraphNode> nodes) =>
        Grouped<string, GraphNode>.Of(nodes, n => Names.Key(n.Name), (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Id, b.Id), StringComparer.Ordinal);

    internal static ImmutableSortedSet<T> ByName<T>(IEnumerable<T> nodes) where T : GraphNode =>
        nodes.ToImmutableSortedSet(Comparer<T>.Create((a, b) =>
            StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Id, b.Id)));

    private GraphIndex(GraphIndex before, ChangePlan plan)
    {
        Version = before.Version + 1;
        var oldNodes = before._nodes;

        _outgoing = before._outgoing.With(plan.EdgesToDelete, plan.EdgesToPut);
        _incoming = before._incoming.With(plan.EdgesToDelete, plan.EdgesToPut);
        _aliasesByKey = before._aliasesByKey.With(plan.AliasesToDelete, plan.AliasesToPut);
        _aliasesByTarget = before._aliasesByTarget.With(plan.AliasesToDelete, plan.AliasesToPut);

        // Nodes put, and careers whose SPECIALISATION_OF edges changed: is-a-specialisation is derived from those.
        var put = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var node in plan.NodesToPut) put[node.Id] = node;
        var deleted = plan.NodesToDelete.Where(id => !put.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        var flagged = plan.NodesToPut.Select(n => n.Id)
            .Concat(plan.EdgesToDelete.Concat(plan.EdgesToPut).Where(e => e.Kind == EdgeKind.SpecialisationOf).Select(e => e.Source))
            .Distinct().ToList();
        foreach (var id in flagged)
        {
            if ((put.GetValueOrDefault(id) ?? (deleted.Contains(id) ? null : oldNodes[id])) is not Career career) continue;
            var specialises = _outgoing[(id, EdgeKind.SpecialisationOf)].Length > 0;
            if (career.IsSpecialisation != specialises) put[id] = career with { IsSpecialisation = specialises };
        }
        _nodes = oldNodes.With(deleted, put);

        var changedIds = plan.NodesToDelete.Concat(plan.NodesToPut.Select(n => n.Id)).Concat(flagged).Distinct().ToList();
        var gone = changedIds.Select(id => oldNodes[id]).OfType<GraphNode>().ToList();
        var come = changedIds.Select(id => _nodes[id]).OfType<GraphNode>().ToList();
        _nodesByName = before._nodesByName.With(gone, come);
        _careers = ByNameAfter(before._careers, gone, come, () => _nodes.Values);
        _skills = ByNameAfter(before._skills, gone, come, () => _nodes.Values);
        _industries = before._industries.Except(gone.OfType<Industry>()).Union(come.OfType<Industry>());

        // A deleted career takes the redirects to it along; a redirect put replaces the one from the same id.
        var redirectsGone = plan.RedirectsToDelete.Concat(plan.NodesToDelete).Concat(plan.RedirectsToPut.Select(r => r.From))
            .Where(before._redirects.ContainsKey)
            .Select(id => new Redirect(id, before._redirects[id]))
            .Concat(plan.NodesToDelete.SelectMany(id => before._redirectsTo[id]))
            .ToList();
        _redirects = before._redirects.RemoveRange(redirectsGone.Select(r => r.From)).SetItems(plan.RedirectsToPut.Select(r => KeyValuePair.Create(r.From, r.To)));
        _redirectsTo = before._redirectsTo.With(redirectsGone, plan.RedirectsToPut);

        // Search entries are rebuilt for nodes named differently, gone, or with aliases added or removed.
        var renamed = plan.NodesToPut.Where(n => oldNodes[n.Id] is not { } old || old.Name != n.Name || old.Kind != n.Kind).Select(n => n.Id);
        var requires = plan.EdgesToDelete.Where(e => e.Kind == EdgeKind.Requires && before.Find(e) is not null).Select(e => (e.Target, -1))
            .Concat(plan.EdgesToPut.Where(e => e.Kind == EdgeKind.Requires && before.Find(e) is null).Select(e => (e.Target, 1)));
        List<string> touched = [.. plan.NodesToDelete.Concat(renamed).Concat(plan.AliasesToDelete.Concat(plan.AliasesToPut).Select(a => a.TargetId))];
        List<(string, int)> required = [.. requires];
        SearchIndex Searchable() => before.Search.With(touched, id => _nodes[id], id => _aliasesByTarget[id], required);
        // While the first search index is still being built, the change waits for it too, not the write.
        _search = before._search.IsValueCreated ? new(Searchable()) : new(Searchable);
        Paths = before.Paths.With(
            plan.NodesToDelete.Where(id => oldNodes[id] is Career),
            plan.NodesToPut.OfType<Career>().Select(c => c.Id),
            plan.EdgesToDelete,
            plan.EdgesToPut);

        _document = new(Canonical);
        // Rebuilt from the edges when career moves next ask: one pass over REQUIRES, not paid by the write.
        _requirements = new(() => new RequirementIndex(Paths, _outgoing.Groups.Where(g => g.Key.Item2 == EdgeKind.Requires).SelectMany(g => g.Value)));
    }

    /// <summary>
    /// The nodes of one kind in name order after a change: derived from the set before when that is built, else built
    /// when first asked for from this snapshot's own nodes (not from the snapshot before, which would keep every
    /// snapshot since the base alive and deepen the chain of builds with each write).
    /// </summary>
    private static Lazy<ImmutableSortedSet<T>> ByNameAfter<T>(Lazy<ImmutableSortedSet<T>> before, List<GraphNode> gone, List<GraphNode> come, Func<IEnumerable<GraphNode>> all)
        where T : GraphNode =>
        before.IsValueCreated ? new(before.Value.Except(gone.OfType<T>()).Union(come.OfType<T>())) : new(() => ByName(all().OfType<T>()));

    /// <summary>Whether <see cref="Search"/> is built (for tests).</summary>
    internal bool SearchBuilt => _search.IsValueCreated;

    /// <summary>Starts building <see cref="Search"/> on the thread pool, unless it is built or already started.</summary>
    internal void BuildSearchInBackground()
    {
        if (_search.IsValueCreated || Interlocked.Exchange(ref _searchQueued, 1) == 1) return;
        ThreadPool.QueueUserWorkItem(static search => _ = search.Value, _search, preferLocal: false);
    }

    /// <summary>
    /// How much the overlays hold: groups, nodes and search entries changed since the base. Reads look in the overlays
    /// first and search scores the overlay's entries one by one, so the store keeps this small by compacting.
    /// </summary>
    public int OverlaySize =>
        _nodes.OverlayCount + _outgoing.OverlayCount + _incoming.OverlayCount + _aliasesByKey.OverlayCount
        + _aliasesByTarget.OverlayCount + _nodesByName.OverlayCount + (_search.IsValueCreated ? Search.OverlaySize : 0);

    /// <summary>How many nodes, edges, aliases and redirects the snapshot holds (each table's row count).</summary>
    internal (long Nodes, long Edges, long Aliases, long Redirects) Counts => (_nodes.Count, _outgoing.ItemCount, _aliasesByKey.ItemCount, _redirects.Count);

    /// <summary>
    /// The same snapshot (same data, same <see cref="Version"/>) with every part built afresh as a base and empty
    /// overlays: a full build, which the store runs in the background.
    /// </summary>
    public GraphIndex Compacted() => new(Document, Redirects, Version);

    /// <summary>The whole graph in the order of a fresh load; built when first asked for (an export), not per write.</summary>
    private GraphDocument Canonical()
    {
        List<T> Ordered<T>() where T : GraphNode => [.. _nodes.Values.OfType<T>().OrderBy(n => n.Id, StringComparer.Ordinal)];
        return new GraphDocument(
            Ordered<Career>(),
            Ordered<Skill>(),
            Ordered<Industry>(),
            [.. _outgoing.Groups.OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2.Code(), StringComparer.Ordinal).SelectMany(g => g.Value)],
            [.. _aliasesByKey.Groups.OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(g => g.Value)]);
    }

    public GraphNode? Node(string id) => _nodes[id];

    public IReadOnlyList<Edge> Edges(string id, EdgeKind kind, Direction direction) => direction switch
    {
        Direction.Outgoing => _outgoing[(id, kind)],
        Direction.Incoming => _incoming[(id, kind)],
        _ => [.. _outgoing[(id, kind)], .. _incoming[(id, kind)]],
    };

    public IReadOnlyList<Alias> AliasesOf(string id) => _aliasesByTarget[id];

    /// <summary>The stored edge with the same source, kind and target, if any.</summary>
    internal Edge? Find(Edge edge) =>
        _outgoing[(edge.Source, edge.Kind)].FirstOrDefault(e => e.Target == edge.Target);

    /// <summary>The stored alias with the same key and target, if any.</summary>
    internal Alias? Find(Alias alias) =>
        _aliasesByKey[alias.Key].FirstOrDefault(a => a.TargetId == alias.TargetId);

    public IReadOnlyList<GraphNode> NodesNamed(string nameKey) => _nodesByName[nameKey];

    public string? RedirectOf(string id) => _redirects.GetValueOrDefault(id);

    public IReadOnlyList<string> RedirectsTo(string id) => [.. _redirectsTo[id].Select(r => r.From)];

    public IReadOnlyDictionary<string, string> Redirects => _redirects;

    /// <summary>
    /// The snapshot after a committed change: this one's data with the plan applied, equal to what a fresh load
    /// from the database would give, so a restart sees exactly the same snapshot. It shares with this snapshot
    /// every part the plan does not touch.
    /// </summary>
    public GraphIndex With(ChangePlan plan) => new(this, plan);

    /// <summary>
    /// The nodes a reference may mean, ranked: by id, by a merged-away id, by name, by alias; curated before O*NET
    /// at each step (the order of graph/queries/nodes-by-reference.cypher). Without everyMeaning, only the best rank.
    /// </summary>
    public IReadOnlyList<GraphNode> Resolve(string reference, NodeKind? kind, bool everyMeaning)
    {
        // Each match ranked by how it matched (id, merged-away id, name, alias), a curated node before an O*NET one.
        var ranked = new List<(GraphNode Node, int Rank)>();
        void Add(GraphNode? node, int step)
        {
            if (node is not null && (kind is null || node.Kind == kind)) ranked.Add((node, step * 2 + (Sources.IsCurated(node) ? 0 : 1)));
        }
        var id = reference.Trim();
        var key = Names.Key(reference);
        Add(_nodes[id], 0);
        if (_redirects.TryGetValue(id, out var survivor)) Add(_nodes[survivor], 1);
        foreach (var node in _nodesByName[key]) Add(node, 2);
        foreach (var alias in _aliasesByKey[key]) Add(_nodes[alias.TargetId], 3);
        if (ranked.Count == 0) return [];

        // Best rank first, then by id; a node matched twice counts once, at its best rank.
        ranked.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : string.CompareOrdinal(a.Node.Id, b.Node.Id));
        var nodes = new List<GraphNode>(ranked.Count);
        foreach (var (node, rank) in ranked)
        {
            if (!everyMeaning && rank != ranked[0].Rank) break;
            if (!nodes.Exists(n => n.Id == node.Id)) nodes.Add(node);
        }
        return nodes;
    }

    public Page<Career> FindCareers(CareerQuery query)
    {
        IEnumerable<Career> careers = _careers.Value;
        if (query.NameContains is { } text) careers = careers.Where(c => c.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (query.IsSpecialisation is { } special) careers = careers.Where(c => c.IsSpecialisation == special);
        if (query.Category is { } category) careers = careers.Where(c => c.Categories.Contains(category, StringComparer.OrdinalIgnoreCase));
        if (query.HasSkill is { } skill) careers = careers.Where(c => Edges(c.Id, EdgeKind.Requires, Direction.Outgoing).Any(e => e.Target == skill));
        if (query.InIndustry is { } industry) careers = careers.Where(c => Edges(c.Id, EdgeKind.InIndustry, Direction.Outgoing).Any(e => e.Target == industry));
        return PageOf(careers, query.Sort, query.Page);
    }

    public Page<Skill> FindSkills(SkillQuery query)
    {
        IEnumerable<Skill> skills = _skills.Value;
        if (query.NameContains is { } text) skills = skills.Where(s => s.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (query.Category is { } category) skills = skills.Where(s => string.Equals(s.Category, category, StringComparison.OrdinalIgnoreCase));
        if (query.Hot is { } hot) skills = skills.Where(s => s.Hot == hot);
        if (query.RequiredBy is { } career)
        {
            var required = Edges(career, EdgeKind.Requires, Direction.Outgoing).Select(e => e.Target).ToHashSet();
            skills = skills.Where(s => required.Contains(s.Id));
        }
        return PageOf(skills, query.Sort, query.Page);
    }

    public Page<Industry> FindIndustries(IndustryQuery query)
    {
        IEnumerable<Industry> industries = _industries;
        if (query.NameContains is { } text) industries = industries.Where(i => i.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
        return PageOf(industries, query.Sort, query.Page);
    }

    public Subgraph Neighbourhood(NeighbourhoodQuery query, CancellationToken cancellationToken = default) =>
        _nodes[query.Id] is { } centre
            ? NeighbourhoodFinder.Find(centre, query, id => _nodes[id], id => Enum.GetValues<EdgeKind>().SelectMany(k => Edges(id, k, Direction.Both)), cancellationToken)
            : new Subgraph([], [], false);

    public GraphStats Stats() => new(
        Enum.GetValues<NodeKind>().ToDictionary(k => k, k => k switch
        {
            NodeKind.Career => _careers.Value.Count,
            NodeKind.Skill => _skills.Value.Count,
            _ => _industries.Count,
        }),
        Enum.GetValues<EdgeKind>().ToDictionary(k => k, k => _outgoing.Groups.Where(g => g.Key.Item2 == k).Sum(g => g.Value.Length)),
        _aliasesByKey.Count,
        _aliasesByKey.ItemCount);

    private static Page<T> PageOf<T>(IEnumerable<T> items, SortOrder sort, PageRequest page)
    {
        var all = items as IReadOnlyList<T> ?? items.ToList();
        var ordered = sort == SortOrder.NameDescending ? all.Reverse() : all;
        return new Page<T>(ordered.Skip(page.Skip).Take(page.Take).ToList(), all.Count, page.Skip);
    }
}
