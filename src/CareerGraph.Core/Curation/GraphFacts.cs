using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Curation;

/// <summary>
/// What the <see cref="ChangePlanner"/> reads of the graph as it is stored before a change. A backend
/// that holds the whole graph in memory answers from it; one that does not loads a <see cref="GraphSlice"/>.
/// </summary>
public interface IGraphFacts
{
    GraphNode? Node(string id);

    /// <summary>Nodes of any kind whose name has this comparison key (<see cref="Names.Key"/>).</summary>
    IReadOnlyList<GraphNode> NodesNamed(string nameKey);

    IReadOnlyList<Edge> Edges(string id, EdgeKind kind, Direction direction);

    IReadOnlyList<Alias> AliasesOf(string id);

    /// <summary>The career a merged-away id now stands for, or null.</summary>
    string? RedirectOf(string id);

    /// <summary>The merged-away ids that stand for this career.</summary>
    IReadOnlyList<string> RedirectsTo(string id);
}

/// <summary>
/// The part of the stored graph a change set needs, for backends that cannot read the whole graph per
/// change. For the ids and name keys of <see cref="ChangePlanner.Reach"/> it must hold: the nodes with
/// those ids or name keys; every edge touching those ids and every alias of them; the redirects from
/// or to those ids; and the SPECIALISATION_OF edges on every path upwards from those ids (their
/// ancestors), so that cycles are found.
/// </summary>
public sealed class GraphSlice : IGraphFacts
{
    private readonly Dictionary<string, GraphNode> _nodes;
    private readonly ILookup<string, GraphNode> _byName;
    private readonly ILookup<(string, EdgeKind), Edge> _outgoing;
    private readonly ILookup<(string, EdgeKind), Edge> _incoming;
    private readonly ILookup<string, Alias> _aliases;
    private readonly Dictionary<string, string> _redirects;
    private readonly ILookup<string, string> _redirectsTo;

    public GraphSlice(GraphDocument slice, IEnumerable<Redirect> redirects)
    {
        var edges = slice.Edges.DistinctBy(e => e.Id).ToList();
        _nodes = slice.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        _byName = slice.Nodes.ToLookup(n => Names.Key(n.Name));
        _outgoing = edges.ToLookup(e => (e.Source, e.Kind));
        _incoming = edges.ToLookup(e => (e.Target, e.Kind));
        _aliases = slice.Aliases.DistinctBy(a => (a.Key, a.TargetId)).ToLookup(a => a.TargetId);
        _redirects = redirects.ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal);
        _redirectsTo = _redirects.ToLookup(r => r.Value, r => r.Key);
    }

    public GraphNode? Node(string id) => _nodes.GetValueOrDefault(id);
    public IReadOnlyList<GraphNode> NodesNamed(string nameKey) => [.. _byName[nameKey]];

    public IReadOnlyList<Edge> Edges(string id, EdgeKind kind, Direction direction) => direction switch
    {
        Direction.Outgoing => [.. _outgoing[(id, kind)]],
        Direction.Incoming => [.. _incoming[(id, kind)]],
        _ => [.. _outgoing[(id, kind)], .. _incoming[(id, kind)]],
    };

    public IReadOnlyList<Alias> AliasesOf(string id) => [.. _aliases[id]];
    public string? RedirectOf(string id) => _redirects.GetValueOrDefault(id);
    public IReadOnlyList<string> RedirectsTo(string id) => [.. _redirectsTo[id]];
}
