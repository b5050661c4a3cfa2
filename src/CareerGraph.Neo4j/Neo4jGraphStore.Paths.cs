using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Neo4j;

/// <summary>Paths between careers and neighbourhoods: Neo4j fetches the part of the graph they can use, Core walks it.</summary>
partial class Neo4jGraphStore
{
    public async Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken = default)
    {
        if (query.K <= 0) return [];
        EnsureWithinWalkBound(query.MaxHops);
        var result = await _client.RunAsync(CypherFiles.Query("career-path-edges"), new
        {
            from = query.From,
            to = query.To,
            via = query.Via.Select(k => k.Code()).Distinct().ToArray(),
            minWeight = query.MinWeight,
            maxHops = Math.Max(0, query.MaxHops),
        }, cancellationToken);
        var careers = result.Single<string[]>("careers", []);
        var edges = result.Single<EdgeRecord[]>("edges", []);
        return new PathFinder(careers, edges.Select(e => e.ToEdge())).Find(query, cancellationToken);
    }

    public async Task<Subgraph> GetNeighbourhoodAsync(NeighbourhoodQuery query, CancellationToken cancellationToken = default)
    {
        var kinds = query.EdgeKinds.Count > 0 ? query.EdgeKinds : Enum.GetValues<EdgeKind>();
        var maxNodes = Math.Max(1, query.MaxNodes);
        if (query.Depth > MaxNeighbourhoodDepth)
            throw new ArgumentOutOfRangeException(nameof(query), query.Depth,
                $"The Neo4j store searches neighbourhoods at most {MaxNeighbourhoodDepth} hops deep (the bound written in graph/queries/neighbourhood.cypher); set CareerGraph:Limits:MaxNeighbourhoodDepth to {MaxNeighbourhoodDepth} or less.");
        var result = await _client.RunAsync(CypherFiles.Query("neighbourhood"), new
        {
            id = query.Id,
            types = kinds.Select(k => k.Code()).Distinct().ToArray(),
            depth = Math.Max(0, query.Depth),
            maxNodes,
        }, cancellationToken);
        if (result.Rows.Count == 0) return new Subgraph([], [], false);

        var reached = result.Single<ReachedNode[]>("nodes", []);
        var nodes = reached.Select(r => (Node: r.Node.ToNode(), r.Distance)).ToList();
        var edges = result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge()).ToList();
        var centre = nodes.Single(n => n.Distance == 0).Node;
        var truncated = result.Single("total", 0) > maxNodes;
        // Neo4j supplies the nodes of every level the search can reach and the edges among them; the search is Core's.
        var byId = nodes.ToDictionary(n => n.Node.Id, n => n.Node);
        var touching = edges.SelectMany(e => new[] { (Node: e.Source, Edge: e), (Node: e.Target, Edge: e) }).ToLookup(x => x.Node, x => x.Edge);
        var walk = NeighbourhoodFinder.Find(centre, query, byId.GetValueOrDefault, id => touching[id], cancellationToken);
        return walk with { Truncated = walk.Truncated || truncated };
    }

    /// <summary>A node of a neighbourhood and its distance from the centre.</summary>
    private sealed record ReachedNode(NodeRecord Node, int Distance);
}
