using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Paths;

/// <summary>
/// Walks between careers over career-to-career edges in either direction. The best walk has the
/// fewest hops, then the strongest links (the least summed 1 − weight); k walks come from Yen's
/// algorithm over loopless paths. Parallel edges between two careers count once, by the strongest.
/// Every backend ranks walks with this one rule, over the careers and edges it holds or has fetched.
/// </summary>
public sealed class RouteFinder
{
    private readonly Dictionary<string, List<Edge>> _adjacent = new(StringComparer.Ordinal);

    public RouteFinder(IEnumerable<string> careerIds, IEnumerable<Edge> edges)
    {
        foreach (var id in careerIds) _adjacent[id] = [];
        foreach (var edge in edges.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf))
        {
            if (!_adjacent.ContainsKey(edge.Source) || !_adjacent.ContainsKey(edge.Target)) continue;
            _adjacent[edge.Source].Add(edge);
            _adjacent[edge.Target].Add(edge);
        }
        foreach (var list in _adjacent.Values)
            list.Sort((x, y) => string.CompareOrdinal(x.Id, y.Id));
    }

    public IReadOnlyList<Route> Find(RouteQuery query)
    {
        if (!_adjacent.ContainsKey(query.From) || !_adjacent.ContainsKey(query.To) || query.K <= 0) return [];
        if (query.From == query.To) return [new Route([query.From], [])];

        var allowed = query.Via.ToHashSet();
        bool Walkable(Edge e) => allowed.Contains(e.Kind) && e.Strength >= query.MinWeight;

        var first = Shortest(query.From, query.To, query.MaxHops, Walkable, [], []);
        if (first is null) return [];
        var found = new List<Route> { first };
        var candidates = new PriorityQueue<Route, (int, double)>();
        var seen = new HashSet<string> { Signature(first) };

        while (found.Count < query.K)
        {
            var last = found[^1];
            for (var i = 0; i < last.Careers.Count - 1; i++)
            {
                var spur = last.Careers[i];
                var root = last.Careers.Take(i + 1).ToList();
                var bannedPairs = found
                    .Where(r => r.Careers.Count > i + 1 && r.Careers.Take(i + 1).SequenceEqual(root))
                    .Select(r => PairKey(r.Careers[i], r.Careers[i + 1]))
                    .ToHashSet();
                var bannedNodes = root.Take(i).ToHashSet();
                var spurRoute = Shortest(spur, query.To, query.MaxHops - i, Walkable, bannedPairs, bannedNodes);
                if (spurRoute is null) continue;
                var route = new Route([.. root, .. spurRoute.Careers.Skip(1)], [.. last.Edges.Take(i), .. spurRoute.Edges]);
                if (seen.Add(Signature(route))) candidates.Enqueue(route, Cost(route));
            }
            if (candidates.Count == 0) break;
            found.Add(candidates.Dequeue());
        }
        return found;
    }

    private Route? Shortest(string from, string to, int maxHops, Func<Edge, bool> walkable, HashSet<string> bannedPairs, HashSet<string> bannedNodes)
    {
        var best = new Dictionary<string, (int Hops, double Penalty, Edge? Via)> { [from] = (0, 0, null) };
        var queue = new PriorityQueue<string, (int, double, string)>();
        queue.Enqueue(from, (0, 0, from));
        var done = new HashSet<string>();
        while (queue.TryDequeue(out var node, out var cost))
        {
            if (!done.Add(node)) continue;
            if (node == to) break;
            if (cost.Item1 >= maxHops) continue;
            foreach (var edge in _adjacent[node])
            {
                var next = edge.Other(node);
                if (!walkable(edge) || done.Contains(next) || bannedNodes.Contains(next) || bannedPairs.Contains(PairKey(node, next))) continue;
                var candidate = (Hops: cost.Item1 + 1, Penalty: cost.Item2 + (1 - edge.Strength));
                if (best.TryGetValue(next, out var known) && (known.Hops, known.Penalty).CompareTo((candidate.Hops, candidate.Penalty)) <= 0) continue;
                best[next] = (candidate.Hops, candidate.Penalty, edge);
                queue.Enqueue(next, (candidate.Hops, candidate.Penalty, next));
            }
        }
        if (!done.Contains(to)) return null;

        var careers = new List<string> { to };
        var edges = new List<Edge>();
        for (var node = to; best[node].Via is { } via; node = via.Other(node))
        {
            edges.Add(via);
            careers.Add(via.Other(node));
        }
        careers.Reverse();
        edges.Reverse();
        return new Route(careers, edges);
    }

    private static (int, double) Cost(Route route) => (route.Hops, route.Edges.Sum(e => 1 - e.Strength));
    private static string Signature(Route route) => string.Join('>', route.Careers);
    private static string PairKey(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}|{b}" : $"{b}|{a}";
}
