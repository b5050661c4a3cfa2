using System.Collections.Immutable;
using CareerGraph.Model;
using CareerGraph.Store;

namespace CareerGraph.Paths;

/// <summary>
/// Paths between careers over career-to-career edges in either direction. The best path has the
/// fewest hops, then the strongest links (the least summed 1 − weight); k paths come from Yen's
/// algorithm over loopless paths. Parallel edges between two careers count once, by the strongest
/// that may be walked. Careers are numbered and adjacency kept in arrays, so a search allocates little.
/// Every backend ranks paths with this one rule, over the careers and edges it holds or has fetched.
/// </summary>
public sealed class PathFinder
{
    // A plain dictionary when built (fast to build, per query in career moves); a persistent one once derived by With.
    private readonly IReadOnlyDictionary<string, int> _numbers;
    private readonly string[] _ids;
    private readonly Link[][] _links;

    /// <summary>The edges the links name by number: those the finder was built over, then those put since (<see cref="With"/>).</summary>
    private readonly IReadOnlyList<Edge> _edges;

    /// <summary>A step to another career: what the search weighs of the edge, and the edge's number, read only for the paths returned.</summary>
    internal readonly record struct Link(int To, EdgeKind Kind, double Strength, int Edge);

    public PathFinder(IEnumerable<string> careerIds, IEnumerable<Edge> edges)
    {
        _ids = careerIds.ToArray();
        var numbers = Numbered(_ids);
        Edge[] between = [.. edges.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf && numbers.ContainsKey(e.Source) && numbers.ContainsKey(e.Target))];
        InIdOrder(between);
        var links = new CareerLink[between.Length];
        for (var i = 0; i < between.Length; i++)
            links[i] = new CareerLink(numbers[between[i].Source], numbers[between[i].Target], between[i].Kind, between[i].Weight, i);
        (_numbers, _edges, _links) = (numbers, between, Spread(_ids.Length, links));
    }

    /// <summary>
    /// A finder over links given by number, for a store that holds its edges in arrays: <paramref name="links"/> are the
    /// edges between careers in the order of their ids, naming careers by their place in <paramref name="careerIds"/> and
    /// each edge by its place in <paramref name="edges"/>, which is read only for the paths returned.
    /// </summary>
    public PathFinder(string[] careerIds, IReadOnlyList<Edge> edges, CareerLink[] links) =>
        (_ids, _numbers, _edges, _links) = (careerIds, Numbered(careerIds), edges, Spread(careerIds.Length, links));

    private PathFinder(IReadOnlyDictionary<string, int> numbers, string[] ids, Link[][] links, IReadOnlyList<Edge> edges) =>
        (_numbers, _ids, _links, _edges) = (numbers, ids, links, edges);

    private static Dictionary<string, int> Numbered(string[] ids)
    {
        var numbers = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++) numbers[ids[i]] = i;
        return numbers;
    }

    /// <summary>
    /// Each career's links, both ways along each edge, in the order the edges come: in the order of their ids, which makes
    /// ties between paths break the same way on every store.
    /// </summary>
    private static Link[][] Spread(int careers, CareerLink[] links)
    {
        var counts = new int[careers];
        foreach (var link in links)
        {
            counts[link.Source]++;
            counts[link.Target]++;
        }
        var spread = new Link[careers][];
        for (var career = 0; career < careers; career++) spread[career] = counts[career] == 0 ? [] : new Link[counts[career]];
        Array.Clear(counts);
        foreach (var (source, target, kind, weight, edge) in links)
        {
            var strength = Edge.StrengthOf(weight);
            spread[source][counts[source]++] = new Link(target, kind, strength, edge);
            spread[target][counts[target]++] = new Link(source, kind, strength, edge);
        }
        return spread;
    }

    /// <summary>Puts edges in the order of their ids, unless they are in it already (a store lists them so).</summary>
    private static void InIdOrder(Edge[] edges)
    {
        var byId = Comparer<Edge>.Create(Edge.CompareById);
        if (!InOrder(edges, byId)) Array.Sort(edges, byId);
    }

    private static bool InOrder<T>(IReadOnlyList<T> items, IComparer<T> order)
    {
        for (var i = 1; i < items.Count; i++)
            if (order.Compare(items[i - 1], items[i]) > 0) return false;
        return true;
    }

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
            bool Along(Link link) => link.Kind == edge.Kind && _edges[link.Edge].Source == edge.Source;
            LinksOf(source).RemoveAll(l => l.To == target && Along(l));
            LinksOf(target).RemoveAll(l => l.To == source && Along(l));
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
        var edges = Appended.Of(_edges, edgesIn);
        for (var i = 0; i < edgesIn.Count; i++)
        {
            var edge = edgesIn[i];
            if (!numbers.TryGetValue(edge.Source, out var source) || !numbers.TryGetValue(edge.Target, out var target)) continue;
            var number = edges.Count - edgesIn.Count + i;
            LinksOf(source).Add(new Link(target, edge.Kind, edge.Strength, number));
            LinksOf(target).Add(new Link(source, edge.Kind, edge.Strength, number));
        }

        // The spine, one reference per career, is copied; the link arrays of untouched careers are shared.
        if (ReferenceEquals(links, _links)) links = (Link[][])links.Clone();
        var byId = Comparer<Link>.Create((a, b) => Edge.CompareById(edges[a.Edge], edges[b.Edge]));
        foreach (var (number, list) in changed)
        {
            // Links removed leave the order as it was; links put come last, and are sorted in.
            if (!InOrder(list, byId)) list.Sort(byId);
            links[number] = [.. list];
        }
        return new PathFinder(numbers.ToImmutable(), ids, links, edges);
    }

    /// <summary>The edges of a finder and those a change put after them, numbered on from them; compaction starts afresh.</summary>
    private sealed class Appended(IReadOnlyList<Edge> first, Edge[] then) : IReadOnlyList<Edge>
    {
        public static IReadOnlyList<Edge> Of(IReadOnlyList<Edge> edges, IReadOnlyList<Edge> put) => put.Count == 0 ? edges
            : edges is Appended appended ? new Appended(appended._first, [.. appended._then, .. put])
            : new Appended(edges, [.. put]);

        private readonly IReadOnlyList<Edge> _first = first;
        private readonly Edge[] _then = then;

        public int Count => _first.Count + _then.Length;

        public Edge this[int index] => index < _first.Count ? _first[index] : _then[index - _first.Count];

        public IEnumerator<Edge> GetEnumerator() => _first.Concat(_then).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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

    /// <summary>
    /// The best path from one career to every career within maxHops walkable links, by the rule of <see cref="Find"/>:
    /// one search from the origin labels them all, and the path it keeps to a career is the one Find returns first.
    /// </summary>
    public PathTree Reach(string from, int maxHops, double minWeight, CancellationToken cancellationToken = default)
    {
        if (!_numbers.TryGetValue(from, out var origin)) return new PathTree(this, null);
        var search = new Search(this, new PathQuery(from, from) { MaxHops = maxHops, MinWeight = minWeight }, cancellationToken);
        return new PathTree(this, search.Explore(origin, -1, maxHops, [], []));
    }

    /// <summary>How many careers the finder numbers.</summary>
    internal int Count => _ids.Length;

    internal bool TryNumber(string id, out int number) => _numbers.TryGetValue(id, out number);

    internal string IdOf(int number) => _ids[number];

    private static long PairKey(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;

    internal sealed class Walk(int[] nodes, Edge[] edges, PathFinder finder)
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

        private bool Walkable(Link link) =>
            (link.Kind == EdgeKind.SeeAlso ? _seeAlso : _specialisation) && link.Strength >= query.MinWeight;

        public Walk? Shortest(int from, int to, int maxHops, HashSet<long> bannedPairs, HashSet<int> bannedNodes)
        {
            var labels = Explore(from, to, maxHops, bannedPairs, bannedNodes);
            return labels.Done[to] ? labels.WalkTo(to) : null;
        }

        /// <summary>Labels the careers within maxHops with their best path, nearest first; stops once `to` is labelled (-1: never).</summary>
        public Labels Explore(int from, int to, int maxHops, HashSet<long> bannedPairs, HashSet<int> bannedNodes)
        {
            var labels = new Labels(finder);
            var (hops, penalty, via, previous, done) = (labels.Hops, labels.Penalty, labels.Via, labels.Previous, labels.Done);
            hops[from] = 0;
            previous[from] = -1;
            var queue = new PriorityQueue<int, (int, double)>();
            queue.Enqueue(from, (0, 0));
            while (queue.TryDequeue(out var node, out _))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (done[node]) continue;
                done[node] = true;
                labels.Order.Add(node);
                if (node == to) break;
                if (hops[node] >= maxHops) continue;
                foreach (var link in finder._links[node])
                {
                    var next = link.To;
                    if (done[next] || !Walkable(link) || bannedNodes.Contains(next)) continue;
                    if (bannedPairs.Count > 0 && bannedPairs.Contains(PairKey(node, next))) continue;
                    var candidate = (Hops: hops[node] + 1, Penalty: penalty[node] + (1 - link.Strength));
                    if (hops[next] != int.MaxValue && (hops[next], penalty[next]).CompareTo(candidate) <= 0) continue;
                    hops[next] = candidate.Hops;
                    penalty[next] = candidate.Penalty;
                    via[next] = link.Edge;
                    previous[next] = node;
                    queue.Enqueue(next, candidate);
                }
            }
            return labels;
        }
    }

    /// <summary>What one search knows of each career: its best path's length, penalty and last link; settled ones in order.</summary>
    internal sealed class Labels
    {
        private readonly PathFinder _finder;
        public int[] Hops { get; }
        public double[] Penalty { get; }
        /// <summary>The number of the edge each career was reached by.</summary>
        public int[] Via { get; }
        public int[] Previous { get; }
        public bool[] Done { get; }
        public List<int> Order { get; } = [];

        public Labels(PathFinder finder)
        {
            var count = finder._ids.Length;
            (_finder, Hops, Penalty, Via, Previous, Done) = (finder, new int[count], new double[count], new int[count], new int[count], new bool[count]);
            Array.Fill(Hops, int.MaxValue);
        }

        public Walk WalkTo(int to)
        {
            var length = Hops[to];
            var nodes = new int[length + 1];
            var edges = new Edge[length];
            for (int node = to, i = length; i >= 0; node = Previous[node], i--)
            {
                nodes[i] = node;
                if (i > 0) edges[i - 1] = _finder._edges[Via[node]];
            }
            return new Walk(nodes, edges, _finder);
        }
    }
}

/// <summary>An edge between two careers as a <see cref="PathFinder"/> takes it by number: the careers' places, and the edge's.</summary>
public readonly record struct CareerLink(int Source, int Target, EdgeKind Kind, double? Weight, int Edge);

/// <summary>The best paths from one career to the careers within reach (<see cref="PathFinder.Reach"/>).</summary>
public sealed class PathTree
{
    private readonly PathFinder _finder;
    private readonly PathFinder.Labels? _labels;

    internal PathTree(PathFinder finder, PathFinder.Labels? labels) => (_finder, _labels) = (finder, labels);

    /// <summary>The careers reached, the origin left out, nearest first.</summary>
    public IEnumerable<string> Careers => Numbers.Select(_finder.IdOf);

    /// <summary>The length of the best path to a career and the summed weight of its links; false when it is out of reach.</summary>
    public bool Reaches(string careerId, out int hops, out double strength)
    {
        (hops, strength) = (0, 0);
        return _finder.TryNumber(careerId, out var number) && Reaches(number, out hops, out strength);
    }

    internal bool Reaches(int career, out int hops, out double strength)
    {
        (hops, strength) = (0, 0);
        if (_labels is null || !_labels.Done[career] || _labels.Hops[career] == 0) return false;
        hops = _labels.Hops[career];
        strength = hops - _labels.Penalty[career];
        return true;
    }

    /// <summary>The numbers of the careers reached, the origin left out, nearest first.</summary>
    internal IEnumerable<int> Numbers => _labels?.Order.Skip(1) ?? [];

    /// <summary>The best path to a career, as <see cref="PathFinder.Find"/> gives it first; null when it is out of reach.</summary>
    public GraphPath? PathTo(string careerId)
    {
        if (_labels is null || !_finder.TryNumber(careerId, out var number) || !_labels.Done[number]) return null;
        var walk = _labels.WalkTo(number);
        return new GraphPath([.. walk.Nodes.Select(_finder.IdOf)], walk.Edges);
    }
}
