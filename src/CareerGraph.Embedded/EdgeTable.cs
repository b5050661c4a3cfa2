using System.Buffers.Binary;
using System.Collections;
using CareerGraph.Model;
using CareerGraph.Paths;

namespace CareerGraph.Embedded;

/// <summary>
/// The edges of a snapshot file as the file lays them out: node numbers and kinds in arrays, each edge's properties left
/// in the file's bytes. An edge object is made when something first reads it (building the index makes none: the walk graph takes
/// its links as numbers, <see cref="CareerLinks"/>), then kept, so it is made once; the groups by source and by target (<see cref="BySource"/>, <see cref="ByTarget"/>) are ranges of edge
/// numbers, put in order by counting, and each group's array is made when first read. On a large graph most edges
/// (a career's skills) are never read between two starts, and a start that made them all spent most of its time making them.
/// </summary>
internal sealed class EdgeTable : IStoredEdges
{
    private static readonly int KindCount = Enum.GetValues<EdgeKind>().Length;

    private readonly NodeNumbers _nodes;
    private readonly int[] _sources;
    private readonly int[] _targets;
    private readonly EdgeKind[] _kinds;

    /// <summary>Where each edge's properties start in <see cref="_bytes"/>: a byte saying which are present, then those.</summary>
    private readonly int[] _properties;

    private readonly byte[] _bytes;

    /// <summary>Each edge once it has been made.</summary>
    private readonly Edge?[] _made;

    private EdgeTable(NodeNumbers nodes, int[] sources, int[] targets, EdgeKind[] kinds, int[] properties, byte[] bytes)
    {
        (_nodes, _sources, _targets, _kinds, _properties, _bytes) = (nodes, sources, targets, kinds, properties, bytes);
        _made = new Edge?[sources.Length];
    }

    /// <summary>
    /// The edges of a section written by <c>SnapshotFile</c>: a count, then each edge as its source's and target's
    /// numbers, its kind's place in <paramref name="kinds"/>, and its properties. Anything else is a <see cref="FormatException"/>.
    /// </summary>
    public static EdgeTable Read(ReadOnlySpan<byte> section, NodeNumbers nodes, EdgeKind[] kinds)
    {
        var at = 0;
        var count = SectionBytes.Int32(section, ref at);
        if (count < 0 || count > section.Length / 10) throw new FormatException("The edge count does not fit the section.");
        var (sources, targets, kindOf, properties) = (new int[count], new int[count], new EdgeKind[count], new int[count]);
        for (var i = 0; i < count; i++)
        {
            sources[i] = nodes.Checked(SectionBytes.Int32(section, ref at));
            targets[i] = nodes.Checked(SectionBytes.Int32(section, ref at));
            var kind = SectionBytes.Byte(section, ref at);
            kindOf[i] = kind < kinds.Length ? kinds[kind] : throw new FormatException("An edge of an unknown kind.");
            properties[i] = at;
            var present = SectionBytes.Byte(section, ref at);
            at += ((present & 1) != 0 ? 8 : 0) + ((present & 2) != 0 ? 1 : 0) + ((present & 4) != 0 ? 8 : 0) + ((present & 8) != 0 ? 4 : 0);
            if ((present & 16) != 0)
            {
                var length = SectionBytes.StringLength(section, ref at);
                at += length;
            }
            if (at > section.Length) throw new FormatException("An edge runs past the end of its section.");
        }
        if (at != section.Length) throw new FormatException("The edge section holds more than its edges.");
        return new EdgeTable(nodes, sources, targets, kindOf, properties, section.ToArray());
    }

    public int Count => _sources.Length;

    public Edge this[int index]
    {
        get
        {
            if (Volatile.Read(ref _made[index]) is { } made) return made;
            var edge = Make(index);
            return Interlocked.CompareExchange(ref _made[index], edge, null) ?? edge;
        }
    }

    public IEnumerator<Edge> GetEnumerator()
    {
        for (var i = 0; i < _sources.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The edges of these kinds, in the table's order; only those are made.</summary>
    public IEnumerable<Edge> OfKinds(params EdgeKind[] kinds)
    {
        for (var i = 0; i < _kinds.Length; i++)
            if (Array.IndexOf(kinds, _kinds[i]) >= 0) yield return this[i];
    }

    /// <summary>The source of every edge of a kind, one per edge; no edge is made.</summary>
    public IEnumerable<string> Sources(EdgeKind kind) => Ends(kind, _sources);

    /// <summary>The target of every edge of a kind, one per edge; no edge is made.</summary>
    public IEnumerable<string> Targets(EdgeKind kind) => Ends(kind, _targets);

    private IEnumerable<string> Ends(EdgeKind kind, int[] ends)
    {
        for (var i = 0; i < _kinds.Length; i++)
            if (_kinds[i] == kind) yield return _nodes.Ids[ends[i]];
    }

    /// <summary>
    /// The edges between careers, as a path finder takes them (<see cref="PathFinder(string[], IReadOnlyList{Edge}, CareerLink[])"/>):
    /// careers numbered by their place in <paramref name="careerIds"/>, in the order of the edges' ids, with their
    /// weights; no edge is made. The order comes from ranks of the ids (targets by <paramref name="rank"/>, the nodes'
    /// <see cref="Ranks"/>), so no two edges are compared; null when an id holds the ids' separator '|', where ranks do
    /// not give it (the finder then orders the edges itself).
    /// </summary>
    public CareerLink[]? CareerLinks(string[] careerIds, int[] rank)
    {
        if (careerIds.Any(id => id.Contains('|'))) return null;
        var careerOf = new int[_nodes.Count];
        Array.Fill(careerOf, -1);
        for (var career = 0; career < careerIds.Length; career++) careerOf[_nodes.Numbers[careerIds[career]]] = career;

        // An edge's id is "source|KIND|target": by the source followed by '|', then the kind's code followed by '|', then the target.
        var bySource = RanksOf([.. careerIds.Select(id => id + "|")]);
        var kinds = Enum.GetValues<EdgeKind>();
        var byKind = RanksOf([.. kinds.Select(k => k.Code() + "|")]);

        var walkable = new bool[kinds.Length];
        foreach (var kind in EdgeKinds.CareerToCareer) walkable[(int)kind] = true;
        var edges = new List<int>();
        for (var edge = 0; edge < _kinds.Length; edge++)
            if (walkable[(int)_kinds[edge]] && careerOf[_sources[edge]] >= 0 && careerOf[_targets[edge]] >= 0)
                edges.Add(edge);
        var order = new long[edges.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var edge = edges[i];
            order[i] = ((long)bySource[careerOf[_sources[edge]]] * kinds.Length + byKind[(int)_kinds[edge]]) * _nodes.Count + rank[_targets[edge]];
        }
        var numbers = edges.ToArray();
        Array.Sort(order, numbers);
        return Array.ConvertAll(numbers, edge => new CareerLink(careerOf[_sources[edge]], careerOf[_targets[edge]], _kinds[edge], Weight(edge), edge));
    }

    /// <summary>
    /// Each string's place when they are in ordinal order. Node ids come as a few runs already in that order (the
    /// careers', the skills' and the industries' each sorted), so a few runs are merged rather than all sorted again
    /// (sorting 10× O*NET's 99k ids took about 45 ms of the start).
    /// </summary>
    internal static int[] RanksOf(string[] strings)
    {
        const int fewRuns = 8;
        var runs = new List<int> { 0 };
        for (var i = 1; i < strings.Length && runs.Count <= fewRuns; i++)
            if (string.CompareOrdinal(strings[i - 1], strings[i]) > 0) runs.Add(i);

        var rank = new int[strings.Length];
        if (runs.Count > fewRuns)
        {
            var order = new int[strings.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort((string[])strings.Clone(), order, StringComparer.Ordinal);
            for (var place = 0; place < order.Length; place++) rank[order[place]] = place;
            return rank;
        }
        var next = runs.ToArray(); // each run's first string not yet placed
        var ends = runs.Skip(1).Append(strings.Length).ToArray();
        for (var place = 0; place < strings.Length; place++)
        {
            var least = -1;
            for (var run = 0; run < next.Length; run++)
                if (next[run] < ends[run] && (least < 0 || string.CompareOrdinal(strings[next[run]], strings[next[least]]) < 0)) least = run;
            rank[next[least]++] = place;
        }
        return rank;
    }

    /// <summary>Edges grouped by source and kind, each group in the order of its targets' ids (as <see cref="GraphIndex.OutgoingEdges"/>).</summary>
    public Grouped<(string, EdgeKind), Edge> BySource(int[] rank) =>
        GroupedBy(_sources, _targets, rank, e => (e.Source, e.Kind), (a, b) => string.CompareOrdinal(a.Target, b.Target));

    /// <summary>Edges grouped by target and kind, each group in the order of its sources' ids (as <see cref="GraphIndex.IncomingEdges"/>).</summary>
    public Grouped<(string, EdgeKind), Edge> ByTarget(int[] rank) =>
        GroupedBy(_targets, _sources, rank, e => (e.Target, e.Kind), (a, b) => string.CompareOrdinal(a.Source, b.Source));

    /// <summary>Each node's place when the ids are in ordinal order, which orders the groups' edges without comparing ids.</summary>
    public int[] Ranks() => RanksOf(_nodes.Ids);

    /// <summary>
    /// Edge numbers by (<paramref name="end"/>, kind), each group ordered by the rank of its <paramref name="other"/> end:
    /// a counting pass by that rank, then a stable one by group, linear in the edges.
    /// </summary>
    private Grouped<(string, EdgeKind), Edge> GroupedBy(int[] end, int[] other, int[] rank, Func<Edge, (string, EdgeKind)> keyOf, Comparison<Edge> order)
    {
        var byRank = new int[_nodes.Count + 1];
        foreach (var node in other) byRank[rank[node] + 1]++;
        for (var place = 1; place < byRank.Length; place++) byRank[place] += byRank[place - 1];
        var ranked = new int[other.Length];
        for (var edge = 0; edge < other.Length; edge++) ranked[byRank[rank[other[edge]]]++] = edge;

        var starts = new int[_nodes.Count * KindCount + 1];
        for (var edge = 0; edge < end.Length; edge++) starts[Slot(end[edge], _kinds[edge]) + 1]++;
        var groups = 0;
        for (var slot = 1; slot < starts.Length; slot++)
        {
            if (starts[slot] > 0) groups++;
            starts[slot] += starts[slot - 1];
        }
        var filled = starts[..^1];
        var items = new int[end.Length];
        foreach (var edge in ranked) items[filled[Slot(end[edge], _kinds[edge])]++] = edge;
        return Grouped<(string, EdgeKind), Edge>.Over(new TableGroups(this, starts, items), keyOf, order, groups, items.Length);
    }

    private static int Slot(int node, EdgeKind kind) => node * KindCount + (int)kind;

    /// <summary>An edge's weight, read from its properties without making it.</summary>
    private double? Weight(int index)
    {
        var at = _properties[index];
        var present = _bytes[at++];
        if ((present & 4) == 0) return null;
        at += ((present & 1) != 0 ? 8 : 0) + ((present & 2) != 0 ? 1 : 0);
        return BinaryPrimitives.ReadDoubleLittleEndian(_bytes.AsSpan(at));
    }

    private Edge Make(int index)
    {
        var bytes = _bytes.AsSpan();
        var at = _properties[index];
        var present = bytes[at++];
        double? importance = (present & 1) != 0 ? Double(bytes, ref at) : null;
        bool? core = (present & 2) != 0 ? bytes[at++] != 0 : null;
        double? weight = (present & 4) != 0 ? Double(bytes, ref at) : null;
        int? tier = (present & 8) != 0 ? SectionBytes.Int32(bytes, ref at) : null;
        var reason = (present & 16) != 0 ? SectionBytes.String(bytes, ref at) : null;
        return new Edge(_nodes.Ids[_sources[index]], _nodes.Ids[_targets[index]], _kinds[index])
        {
            Importance = importance,
            Core = core,
            Weight = weight,
            Tier = tier,
            Reason = reason,
        };
    }

    private static double Double(ReadOnlySpan<byte> bytes, ref int at)
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[at..]);
        at += 8;
        return value;
    }

    /// <summary>Groups as ranges of <c>items</c> (edge numbers), one per node and kind; each made into an array when first read.</summary>
    private sealed class TableGroups(EdgeTable table, int[] starts, int[] items) : Grouped<(string, EdgeKind), Edge>.IBase
    {
        private readonly Edge[]?[] _made = new Edge[]?[starts.Length - 1];

        public IEqualityComparer<(string, EdgeKind)> Keys => EqualityComparer<(string, EdgeKind)>.Default;

        public Edge[] Group((string, EdgeKind) key) =>
            table._nodes.Numbers.TryGetValue(key.Item1, out var node) && (uint)key.Item2 < (uint)KindCount ? At(Slot(node, key.Item2)) : [];

        IEnumerable<KeyValuePair<(string, EdgeKind), Edge[]>> Grouped<(string, EdgeKind), Edge>.IBase.Groups
        {
            get
            {
                for (var slot = 0; slot < _made.Length; slot++)
                    if (starts[slot] < starts[slot + 1])
                        yield return KeyValuePair.Create((table._nodes.Ids[slot / KindCount], (EdgeKind)(slot % KindCount)), At(slot));
            }
        }

        private Edge[] At(int slot)
        {
            if (Volatile.Read(ref _made[slot]) is { } made) return made;
            var (start, end) = (starts[slot], starts[slot + 1]);
            if (start == end) return [];
            var group = new Edge[end - start];
            for (var i = 0; i < group.Length; i++) group[i] = table[items[start + i]];
            return Interlocked.CompareExchange(ref _made[slot], group, null) ?? group;
        }
    }
}
