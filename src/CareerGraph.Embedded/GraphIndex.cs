using System.Collections.Frozen;
using System.Runtime.InteropServices;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Embedded;

/// <summary>
/// An immutable, fully indexed snapshot of the graph. Every read of the embedded store is answered
/// from one snapshot, so readers never see a half-applied change; a commit publishes a new one.
/// </summary>
public sealed class GraphIndex : IGraphFacts
{
    private readonly Dictionary<string, GraphNode> _nodes;
    private readonly Dictionary<(string, EdgeKind), Edge[]> _outgoing;
    private readonly Dictionary<(string, EdgeKind), Edge[]> _incoming;
    private readonly Dictionary<string, Alias[]> _aliasesByKey;
    private readonly Dictionary<string, Alias[]> _aliasesByTarget;
    private readonly Dictionary<string, GraphNode[]> _nodesByName;
    private readonly FrozenDictionary<string, string> _redirects;
    private readonly FrozenDictionary<string, string[]> _redirectsTo;
    private readonly Career[] _careers;
    private readonly Skill[] _skills;
    private readonly Industry[] _industries;

    public GraphDocument Document { get; }
    internal SearchIndex Search { get; }
    internal PathFinder Paths { get; }

    /// <summary>Who requires which skill, numbered as <see cref="Paths"/> numbers careers; built when career moves first need it.</summary>
    internal RequirementIndex Requirements => _requirements.Value;
    private readonly Lazy<RequirementIndex> _requirements;

    /// <param name="redirects">Ids of careers merged away → the career each now stands for.</param>
    public GraphIndex(GraphDocument document, IReadOnlyDictionary<string, string>? redirects = null)
    {
        var specialisations = document.Edges
            .Where(e => e.Kind == EdgeKind.SpecialisationOf)
            .Select(e => e.Source)
            .ToHashSet();
        var careers = document.Careers
            .Select(c => c.IsSpecialisation == specialisations.Contains(c.Id) ? c : c with { IsSpecialisation = !c.IsSpecialisation })
            .ToList();
        Document = document with { Careers = careers };

        var all = Document.Nodes.ToList();
        var nodes = all.ToDictionary(n => n.Id);
        _nodes = nodes;

        // The parts are independent: built side by side, a large graph opens in a fraction of the time.
        Dictionary<(string, EdgeKind), Edge[]> outgoing = [], incoming = [];
        Dictionary<string, Alias[]> aliasesByKey = [], aliasesByTarget = [];
        Dictionary<string, GraphNode[]> nodesByName = [];
        SearchIndex? search = null;
        PathFinder? paths = null;
        Parallel.Invoke(
            () => (outgoing, incoming) = (Group(document.Edges, e => (e.Source, e.Kind)), Group(document.Edges, e => (e.Target, e.Kind))),
            () => (aliasesByKey, aliasesByTarget) = (Group(document.Aliases, a => a.Key), Group(document.Aliases, a => a.TargetId)),
            () => nodesByName = Group(all, n => Names.Key(n.Name)),
            () => search = new SearchIndex(all, document.Aliases, document.Edges, nodes),
            () => paths = new PathFinder(careers.Select(c => c.Id), document.Edges));
        (_outgoing, _incoming, _aliasesByKey, _aliasesByTarget, _nodesByName) = (outgoing, incoming, aliasesByKey, aliasesByTarget, nodesByName);
        Search = search!;
        Paths = paths!;
        _requirements = new(() => new RequirementIndex(Paths, document.Edges));
        _redirects = (redirects ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
        _redirectsTo = _redirects.GroupBy(r => r.Value).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.Key).ToArray());
        _careers = [.. careers.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal)];
        _skills = [.. document.Skills.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id, StringComparer.Ordinal)];
        _industries = [.. document.Industries.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    public GraphNode? Node(string id) => _nodes.GetValueOrDefault(id);

    /// <summary>
    /// Items grouped by a key, in their order; what GroupBy gives, built in one pass. The dictionaries are never
    /// changed after construction: plain ones build several times faster than frozen ones at O*NET size.
    /// </summary>
    private static Dictionary<TKey, T[]> Group<T, TKey>(IEnumerable<T> items, Func<T, TKey> keyOf) where TKey : notnull
    {
        var lists = new Dictionary<TKey, List<T>>();
        foreach (var item in items)
            (CollectionsMarshal.GetValueRefOrAddDefault(lists, keyOf(item), out _) ??= []).Add(item);
        var groups = new Dictionary<TKey, T[]>(lists.Count);
        foreach (var (key, list) in lists) groups[key] = [.. list];
        return groups;
    }

    public IReadOnlyList<Edge> Edges(string id, EdgeKind kind, Direction direction) => direction switch
    {
        Direction.Outgoing => _outgoing.GetValueOrDefault((id, kind), []),
        Direction.Incoming => _incoming.GetValueOrDefault((id, kind), []),
        _ => [.. _outgoing.GetValueOrDefault((id, kind), []), .. _incoming.GetValueOrDefault((id, kind), [])],
    };

    public IReadOnlyList<Alias> AliasesOf(string id) => _aliasesByTarget.GetValueOrDefault(id, []);

    /// <summary>The stored edge with the same source, kind and target, if any.</summary>
    internal Edge? Find(Edge edge) =>
        _outgoing.GetValueOrDefault((edge.Source, edge.Kind), []).FirstOrDefault(e => e.Target == edge.Target);

    /// <summary>The stored alias with the same key and target, if any.</summary>
    internal Alias? Find(Alias alias) =>
        _aliasesByKey.GetValueOrDefault(alias.Key, []).FirstOrDefault(a => a.TargetId == alias.TargetId);

    public IReadOnlyList<GraphNode> NodesNamed(string nameKey) => _nodesByName.GetValueOrDefault(nameKey, []);

    public string? RedirectOf(string id) => _redirects.GetValueOrDefault(id);

    public IReadOnlyList<string> RedirectsTo(string id) => _redirectsTo.GetValueOrDefault(id, []);

    public IReadOnlyDictionary<string, string> Redirects => _redirects;

    /// <summary>
    /// The snapshot after a committed change: this one's data with the plan applied, in the order a
    /// fresh load from the database would give, so a restart sees exactly the same snapshot.
    /// </summary>
    public GraphIndex With(ChangePlan plan)
    {
        var replaced = plan.NodesToDelete.Concat(plan.NodesToPut.Select(n => n.Id)).ToHashSet(StringComparer.Ordinal);
        List<T> Nodes<T>(IEnumerable<T> current) where T : GraphNode =>
            [.. current.Where(n => !replaced.Contains(n.Id)).Concat(plan.NodesToPut.OfType<T>()).OrderBy(n => n.Id, StringComparer.Ordinal)];
        var edgesGone = plan.EdgesToDelete.Concat(plan.EdgesToPut).Select(e => (e.Source, e.Kind, e.Target)).ToHashSet();
        var aliasesGone = plan.AliasesToDelete.Concat(plan.AliasesToPut).Select(a => (a.Key, a.TargetId)).ToHashSet();
        var document = new GraphDocument(
            Nodes(Document.Careers),
            Nodes(Document.Skills),
            Nodes(Document.Industries),
            [.. Document.Edges.Where(e => !edgesGone.Contains((e.Source, e.Kind, e.Target))).Concat(plan.EdgesToPut)
                .OrderBy(e => e.Source, StringComparer.Ordinal).ThenBy(e => e.Kind.Code(), StringComparer.Ordinal).ThenBy(e => e.Target, StringComparer.Ordinal)],
            [.. Document.Aliases.Where(a => !aliasesGone.Contains((a.Key, a.TargetId))).Concat(plan.AliasesToPut)
                .OrderBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.TargetId, StringComparer.Ordinal)]);
        var redirects = _redirects.ToDictionary(StringComparer.Ordinal);
        foreach (var id in plan.RedirectsToDelete.Concat(plan.NodesToDelete)) redirects.Remove(id);
        foreach (var gone in redirects.Where(r => plan.NodesToDelete.Contains(r.Value)).ToList()) redirects.Remove(gone.Key);
        foreach (var redirect in plan.RedirectsToPut) redirects[redirect.From] = redirect.To;
        return new GraphIndex(document, redirects);
    }

    /// <summary>
    /// The nodes a reference may mean, ranked: by id, by a merged-away id, by name, by alias; curated before O*NET
    /// at each step (the order of graph/queries/nodes-by-reference.cypher). Without everyMeaning, only the best rank.
    /// </summary>
    public IReadOnlyList<GraphNode> Resolve(string reference, NodeKind? kind, bool everyMeaning)
    {
        var id = reference.Trim();
        var key = Names.Key(reference);
        IEnumerable<(GraphNode? Node, int Step)> matches =
        [
            (_nodes.GetValueOrDefault(id), 0),
            (_redirects.TryGetValue(id, out var survivor) ? _nodes.GetValueOrDefault(survivor) : null, 1),
            .. _nodesByName.GetValueOrDefault(key, []).Select(n => ((GraphNode?)n, 2)),
            .. _aliasesByKey.GetValueOrDefault(key, []).Select(a => (_nodes.GetValueOrDefault(a.TargetId), 3)),
        ];
        var ranked = matches
            .Where(m => m.Node is not null && (kind is null || m.Node.Kind == kind))
            .Select(m => (Node: m.Node!, Rank: m.Step * 2 + (Sources.IsCurated(m.Node!) ? 0 : 1)))
            .OrderBy(m => m.Rank)
            .ThenBy(m => m.Node.Id, StringComparer.Ordinal)
            .DistinctBy(m => m.Node.Id)
            .ToList();
        return [.. ranked.Where(m => everyMeaning || m.Rank == ranked[0].Rank).Select(m => m.Node)];
    }

    public Page<Career> FindCareers(CareerQuery query)
    {
        IEnumerable<Career> careers = _careers;
        if (query.NameContains is { } text) careers = careers.Where(c => c.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (query.IsSpecialisation is { } special) careers = careers.Where(c => c.IsSpecialisation == special);
        if (query.Category is { } category) careers = careers.Where(c => c.Categories.Contains(category, StringComparer.OrdinalIgnoreCase));
        if (query.HasSkill is { } skill) careers = careers.Where(c => Edges(c.Id, EdgeKind.Requires, Direction.Outgoing).Any(e => e.Target == skill));
        if (query.InIndustry is { } industry) careers = careers.Where(c => Edges(c.Id, EdgeKind.InIndustry, Direction.Outgoing).Any(e => e.Target == industry));
        return PageOf(careers, query.Sort, query.Page);
    }

    public Page<Skill> FindSkills(SkillQuery query)
    {
        IEnumerable<Skill> skills = _skills;
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
        _nodes.TryGetValue(query.Id, out var centre)
            ? NeighbourhoodFinder.Find(centre, query, _nodes.GetValueOrDefault, id => Enum.GetValues<EdgeKind>().SelectMany(k => Edges(id, k, Direction.Both)), cancellationToken)
            : new Subgraph([], [], false);

    public GraphStats Stats() => new(
        Enum.GetValues<NodeKind>().ToDictionary(k => k, k => k switch
        {
            NodeKind.Career => _careers.Length,
            NodeKind.Skill => _skills.Length,
            _ => _industries.Length,
        }),
        Enum.GetValues<EdgeKind>().ToDictionary(k => k, k => Document.Edges.Count(e => e.Kind == k)),
        _aliasesByKey.Count,
        Document.Aliases.Count);

    private static Page<T> PageOf<T>(IEnumerable<T> items, SortOrder sort, PageRequest page)
    {
        var all = items as IReadOnlyList<T> ?? items.ToList();
        var ordered = sort == SortOrder.NameDescending ? all.Reverse() : all;
        return new Page<T>(ordered.Skip(page.Skip).Take(page.Take).ToList(), all.Count, page.Skip);
    }
}
