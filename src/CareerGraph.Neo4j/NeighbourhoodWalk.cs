using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Neo4j;

/// <summary>
/// Finishes a neighbourhood breadth-first, as the embedded store does: level by level, each node's new
/// neighbours in order of kind (career, skill, industry) then id, stopping at the node limit. Neo4j supplies
/// the nodes of every level the walk can reach and the edges among them.
/// </summary>
internal static class NeighbourhoodWalk
{
    public static Subgraph Walk(GraphNode centre, IReadOnlyCollection<GraphNode> nodes, IReadOnlyList<Edge> edges, NeighbourhoodQuery query, bool truncated)
    {
        var kinds = query.EdgeKinds.Count > 0 ? query.EdgeKinds : Enum.GetValues<EdgeKind>();
        var byId = nodes.ToDictionary(n => n.Id);
        var touching = edges.SelectMany(e => new[] { (Node: e.Source, Edge: e), (Node: e.Target, Edge: e) }).ToLookup(x => x.Node, x => x.Edge);

        var included = new Dictionary<string, GraphNode> { [centre.Id] = centre };
        var order = new List<GraphNode> { centre };
        var frontier = new List<string> { centre.Id };
        var full = false;
        for (var depth = 0; depth < query.Depth && frontier.Count > 0 && !full; depth++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                var neighbours = touching[id]
                    .Select(e => e.Other(id))
                    .Where(n => !included.ContainsKey(n) && byId.ContainsKey(n))
                    .Distinct()
                    .Select(n => byId[n])
                    .OrderBy(n => n.Kind)
                    .ThenBy(n => n.Id, StringComparer.Ordinal);
                foreach (var node in neighbours)
                {
                    if (included.Count >= query.MaxNodes) { full = true; break; }
                    included[node.Id] = node;
                    order.Add(node);
                    next.Add(node.Id);
                }
                if (full) break;
            }
            frontier = next;
        }

        var position = order.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var kindOrder = kinds.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var among = edges
            .Where(e => included.ContainsKey(e.Source) && included.ContainsKey(e.Target) && kindOrder.ContainsKey(e.Kind))
            .OrderBy(e => position[e.Source])
            .ThenBy(e => kindOrder[e.Kind])
            .ThenBy(e => e.Target, StringComparer.Ordinal)
            .ToList();
        return new Subgraph(order, among, truncated);
    }
}
