using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Paths;

/// <summary>
/// The nodes around one node, breadth-first: level by level, each node's new neighbours in order of kind
/// (career, skill, industry) then id, stopping at the node limit; then the edges among them, by the position
/// of their source, the order of the edge kinds asked for, and target. Every backend answers a neighbourhood
/// with this one rule, over the nodes and edges it holds or has fetched.
/// </summary>
public static class NeighbourhoodFinder
{
    /// <param name="centre">Where the search starts.</param>
    /// <param name="nodeOf">A node by id, or null when the backend has not supplied it.</param>
    /// <param name="edgesOf">Every edge touching a node, of any kind and in either direction.</param>
    /// <param name="cancellationToken">Checked once per node expanded: a cancelled request stops the search.</param>
    public static Subgraph Find(GraphNode centre, NeighbourhoodQuery query, Func<string, GraphNode?> nodeOf, Func<string, IEnumerable<Edge>> edgesOf,
        CancellationToken cancellationToken = default)
    {
        var kinds = query.EdgeKinds.Count > 0 ? query.EdgeKinds : Enum.GetValues<EdgeKind>();
        var kindOrder = kinds.Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        IEnumerable<Edge> Followed(string id) => edgesOf(id).Where(e => kindOrder.ContainsKey(e.Kind));

        var included = new Dictionary<string, int> { [centre.Id] = 0 }; // id → position in the answer
        var order = new List<GraphNode> { centre };
        var frontier = new List<string> { centre.Id };
        var full = false;
        for (var depth = 0; depth < query.Depth && frontier.Count > 0 && !full; depth++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var neighbours = Followed(id)
                    .Select(e => e.Other(id))
                    .Where(n => !included.ContainsKey(n))
                    .Distinct()
                    .Select(nodeOf)
                    .OfType<GraphNode>()
                    .OrderBy(n => n.Kind)
                    .ThenBy(n => n.Id, StringComparer.Ordinal);
                foreach (var node in neighbours)
                {
                    if (included.Count >= query.MaxNodes) { full = true; break; }
                    included[node.Id] = order.Count;
                    order.Add(node);
                    next.Add(node.Id);
                }
                if (full) break;
            }
            frontier = next;
        }

        var among = order
            .SelectMany(n => Followed(n.Id))
            .Where(e => included.ContainsKey(e.Source) && included.ContainsKey(e.Target))
            .DistinctBy(e => e.Id)
            .OrderBy(e => included[e.Source])
            .ThenBy(e => kindOrder[e.Kind])
            .ThenBy(e => e.Target, StringComparer.Ordinal)
            .ToList();
        return new Subgraph(order, among, full);
    }
}
