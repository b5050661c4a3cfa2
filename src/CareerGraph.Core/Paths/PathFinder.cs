using System.Collections.Immutable;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Paths;

/// <summary>
/// Walks between careers over career-to-career edges in either direction. The best walk has the
/// fewest hops, then the strongest links (the least summed 1 − weight); k walks come from Yen's
/// algorithm over loopless paths. Parallel edges between two careers count once, by the strongest
/// that may be walked. Careers are numbered and adjacency kept in arrays, so a search allocates little.
/// Every backend ranks walks with this one rule, over the careers and edges it holds or has fetched.
/// </summary>
public sealed class PathFinder
{
    // A plain dictionary when built (fast to build, per query in career moves); a persistent one once derived by With.
    private readonly IReadOnlyDictionary<string, int> _numbers;
    private readonly string[] _ids;
    private readonly Link[][] _links;

    private readonly record struct Link(int To, Edge Edge);

    public PathFinder(IEnumerable<string> careerIds, IEnumerable<Edge> edges)
    {
        _ids = careerIds.ToArray();
        var numbers = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < _ids.Length; i++) numbers[_ids[i]] = i;
        _numbers = numbers;
        var links = _ids.Select(_ => new List<Link>()).ToArray();
        foreach (var edge in edges.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf))
        {
            if (!_numbers.TryGetValue(edge.Source, out var source) || !_numbers.TryGetValue(edge.Target, out var target)) continue;
            links[source].Add(new Link(target, edge));
            links[target].Add(new Link(source, edge));
        }
        _links = links.Select(Ordered).ToArray();
    }

    private PathFinder(IReadOnlyDictionary<string, int> numbers, string[] ids, Link[][] links) => (_numbers, _ids, _links) = (numbers, ids, links);

    private static Link[] Ordered(IEnumerable<Link> links) => [.. links.OrderBy(x => x.Edge.Id, StringComparer.Ordinal)];

    /// <summary>
    /// This finder after a change: careers removed and added, edges removed and put (those not between careers are
    /// ignored). Only the links of careers at the ends of a changed edge are rebuilt; the others are shared with this
    /// finder, which stays as it was for its readers. A removed career's number is retired, not reused.
    /// </summary>
    public PathFinder With(IEnumerable<string> careersRemoved, IEnumerable<string> careersAdded, IEnumerable<Edge> edgesRemoved, IEnumerable<Edge> edgesPut)
    {
        var removed = careersRemoved.Where(_numbers.ContainsKey).ToList();
        var added = careersAdded.Where(id => !_numbers.ContainsKey(id) || removed.Contains(id)).Distinct().ToList();
        var edgesOut = edgesRemoved.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf).ToList();
        var edgesIn = edgesPut.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf).ToList();
        if (removed.Count + added.Count + edgesOut.Count + edgesIn.Count == 0) return this;

        var numbers = (_numbers as ImmutableDictionary<string, int> ?? _numbers.ToImmutableDictionary(StringComparer.Ordinal)).ToBuilder();
        var ids = _ids;
        var links = _links;
        var changed = new Dictionary<int, List<Link>>();
        List<Link> LinksOf(int number) => changed.TryGetValue(number, out var list) ? list : changed[number] = [.. links[number]];
        void Unlink(Edge edge)
        {
            if (!numbers.TryGetValue(edge.Source, out var source) || !numbers.TryGetValue(edge.Target, out var target)) return;
            LinksOf(source).RemoveAll(l => l.To == target && l.Edge.Kind == edge.Kind && l.Edge.Source == edge.Source);
            LinksOf(target).RemoveAll(l => l.To == source && l.Edge.Kind == edge.Kind && l.Edge.Source == edge.Source);
        }

        foreach (var edge in edgesOut.Concat(edgesIn)) Unlink(edge);
        foreach (var id in removed)
        {
            var number = numbers[id];
            foreach (var link in LinksOf(number)) LinksOf(link.To).RemoveAll(l => l.To == number);
            LinksOf(number).Clear();
            numbers.Remove(id);
        }
        if (added.Count > 0)
        {
            ids = [.. ids, .. added];
            links = [.. links, .. added.Select(_ => Array.Empty<Link>())];
            for (var i = 0; i < added.Count; i++) numbers[added[i]] = _ids.Length + i;
        }
        foreach (var edge in edgesIn)
        {
            if (!numbers.TryGetValue(edge.Source, out var source) || !numbers.TryGetValue(edge.Target, out var target)) continue;
            LinksOf(source).Add(new Link(target, edge));
            LinksOf(target).Add(new Link(source, edge));
        }

        // The spine, one reference per career, is copied; the link arrays of untouched careers are shared.
        if (ReferenceEquals(links, _links)) links = (Link[][])links.Clone();
        foreach (var (number, list) in changed) links[number] = Ordered(list);
        return new PathFinder(numbers.ToImmutable(), ids, links);
    }

    /// <summary>The paths, best first; a cancelled token stops the search between steps (OperationCanceledException).</summary>
    public IReadOnlyList<GraphPath> Find(PathQuery query, CancellationToken cancellationToken = default)
    {
        if (!_numbers.TryGetValue(query.From, out var from) || !_numbers.TryGetValue(query.To, out var to) || query.K <= 0) return [];
        if (from == to) return [new GraphPath([query.From], [])];

        var search = new Search(this, query, cancellationToken);
        var first = search.Shortest(from, to, query.MaxHops, [], []);
        if (first is null) return [];
        var found = new List<Walk> { first };
        var candidates = new PriorityQueue<Walk, (int, double)>();
        var seen = new HashSet<string> { first.Signature };

        while (found.Count < query.K)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var last = found[^1];
            for (var i = 0; i < last.Nodes.Length - 1; i++)
            {
                var root = last.Nodes.AsSpan(0, i + 1);
                var bannedPairs = new HashSet<long>();
                foreach (var walk in found)
                    if (walk.Nodes.Length > i + 1 && walk.Nodes.AsSpan(0, i + 1).SequenceEqual(root))
                        bannedPairs.Add(PairKey(walk.Nodes[i], walk.Nodes[i + 1]));
                var bannedNodes = new HashSet<int>(last.Nodes.Take(i));
                var spur = search.Shortest(last.Nodes[i], to, query.MaxHops - i, bannedPairs, bannedNodes);
                if (spur is null) continue;
                var walk2 = new Walk([.. last.Nodes.Take(i), .. spur.Nodes], [.. last.Edges.Take(i), .. spur.Edges], this);
                if (seen.Add(walk2.Signature)) candidates.Enqueue(walk2, walk2.Cost);
            }
            if (candidates.Count == 0) break;
            found.Add(candidates.Dequeue());
        }
        return found.Select(w => new GraphPath(w.Nodes.Select(n => _ids[n]).ToList(), w.Edges)).ToList();
    }

    private static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    private sealed class Walk(int[] nodes, Edge[] edges, PathFinder finder)
    {
        public int[] Nodes { get; } = nodes;
        public Edge[] Edges { get; } = edges;
        public (int, double) Cost { get; } = (edges.Length, edges.Sum(e => 1 - e.Strength));
        public string Signature => string.Join('>', Nodes.Select(n => finder._ids[n]));
    }

    /// <summary>Dijkstra on (hops, penalty) for one query's walkable edges.</summary>
    private sealed class Search(PathFinder finder, PathQuery query, CancellationToken cancellationToken)
    {
        private readonly bool _seeAlso = query.Via.Contains(EdgeKind.SeeAlso);
        private readonly bool _specialisation = query.Via.Contains(EdgeKind.SpecialisationOf);

        private bool Walkable(Edge edge) =>
            (edge.Kind == EdgeKind.SeeAlso ? _seeAlso : _specialisation) && edge.Strength >= query.MinWeight;

        public Walk? Shortest(int from, int to, int maxHops, HashSet<long> bannedPairs, HashSet<int> bannedNodes)
        {
            var count = finder._ids.Length;
            var hops = new int[count];
            var penalty = new double[count];
            var via = new Link[count];
            var previous = new int[count];
            var done = new bool[count];
            Array.Fill(hops, int.MaxValue);
            hops[from] = 0;
            previous[from] = -1;
            var queue = new PriorityQueue<int, (int, double)>();
            queue.Enqueue(from, (0, 0));
            while (queue.TryDequeue(out var node, out _))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (done[node]) continue;
                done[node] = true;
                if (node == to) break;
                if (hops[node] >= maxHops) continue;
                foreach (var link in finder._links[node])
                {
                    var next = link.To;
                    if (done[next] || !Walkable(link.Edge) || bannedNodes.Contains(next)) continue;
                    if (bannedPairs.Count > 0 && bannedPairs.Contains(PairKey(node, next))) continue;
                    var candidate = (Hops: hops[node] + 1, Penalty: penalty[node] + (1 - link.Edge.Strength));
                    if (hops[next] != int.MaxValue && (hops[next], penalty[next]).CompareTo(candidate) <= 0) continue;
                    hops[next] = candidate.Hops;
                    penalty[next] = candidate.Penalty;
                    via[next] = link;
                    previous[next] = node;
                    queue.Enqueue(next, candidate);
                }
            }
            if (!done[to]) return null;

            var length = hops[to];
            var nodes = new int[length + 1];
            var edges = new Edge[length];
            for (int node = to, i = length; i >= 0; node = previous[node], i--)
            {
                nodes[i] = node;
                if (i > 0) edges[i - 1] = via[node].Edge;
            }
            return new Walk(nodes, edges, finder);
        }
    }
}
