using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Benchmarks;

/// <summary>
/// The embedded index's read paths, on the index alone (no SQLite, no GraphQL): a career by id, its neighbours, a
/// walk, a reference by name or alias, search; each over varied arguments. "base" is an index built from the graph in
/// memory; "file" the same graph as a start reads it from a snapshot file (edges made when first read); "overlay" the
/// base after 60 curation writes (aliases added to 60 careers: each read then looks in the overlays first). Beside them, the fastest plain
/// structure for the same lookups, frozen dictionaries of arrays, as the baseline the index is measured against.
/// </summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private GraphIndex _index = null!;
    private FrozenDictionary<string, GraphNode> _frozenNodes = null!;
    private FrozenDictionary<(string, EdgeKind), Edge[]> _frozenOutgoing = null!;
    private FrozenDictionary<(string, EdgeKind), Edge[]> _frozenIncoming = null!;
    private FrozenDictionary<string, GraphNode[]> _frozenNamed = null!;
    private FrozenDictionary<string, Alias[]> _frozenAliases = null!;
    private string[] _references = null!;
    private string[] _careers = null!;
    private string[] _searches = null!;
    private int _next;

    [ParamsSource(nameof(Scales))]
    public int Scale { get; set; }

    /// <summary>Set by --scale on the command line.</summary>
    public static IEnumerable<int> Scales => BenchmarkGraph.Scales;

    [Params("base", "file", "overlay")]
    public string Layers { get; set; } = "base";

    [GlobalSetup]
    public void Setup()
    {
        var document = BenchmarkGraph.Document(Scale);
        _index = new GraphIndex(document);
        if (Layers == "file")
        {
            var file = Path.Combine(Path.GetTempPath(), $"index-benchmark-{Environment.ProcessId}.snapshot");
            SnapshotFile.Write(file, new FileMarks(0, 0, "benchmark"), document, _index.Redirects);
            _index = new GraphIndex(SnapshotFile.Read(file)!.Document);
            File.Delete(file);
        }
        _careers = [.. document.Careers.Select(c => c.Id)];
        if (Layers == "overlay")
        {
            var random = new Random(7);
            for (var i = 0; i < 60; i++)
            {
                var plan = ChangePlanner.Plan(new ChangeSet("bench", [new AddAlias(new Alias($"Bench Title {i}", _careers[random.Next(_careers.Length)]))]), _index);
                _index = _index.With(plan);
            }
        }
        _frozenNodes = document.Nodes.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
        _frozenOutgoing = document.Edges.GroupBy(e => (e.Source, e.Kind)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _frozenIncoming = document.Edges.GroupBy(e => (e.Target, e.Kind)).ToFrozenDictionary(g => g.Key, g => g.ToArray());
        _frozenNamed = document.Nodes.GroupBy(n => Names.Key(n.Name)).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _frozenAliases = document.Aliases.GroupBy(a => a.Key).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        // References as clients write them: career names and aliases, alternately.
        var random3 = new Random(13);
        _references = [.. Enumerable.Range(0, 256).Select(i => i % 2 == 0
            ? document.Careers[random3.Next(document.Careers.Count)].Name
            : document.Aliases[random3.Next(document.Aliases.Count)].Name)];
        // Search words as users type them: parts of real names, some with a letter dropped.
        var random2 = new Random(11);
        _searches = [.. Enumerable.Range(0, 64).Select(i =>
        {
            var name = document.Careers[random2.Next(document.Careers.Count)].Name.Split(' ')[0].ToLowerInvariant();
            return i % 2 == 0 || name.Length < 5 ? name : name.Remove(name.Length / 2, 1);
        })];
        _ = _index.Search.Find(new SearchQuery(_searches[0], new HashSet<NodeKind>(), 10));
    }

    private string NextCareer() => _careers[_next++ % _careers.Length];

    [Benchmark(Description = "career by id ×100")]
    public int CareerById()
    {
        var found = 0;
        for (var i = 0; i < 100; i++) found += _index.Node(NextCareer()) is null ? 0 : 1;
        return found;
    }

    [Benchmark(Description = "career by id ×100, frozen dictionary")]
    public int CareerByIdFrozen()
    {
        var found = 0;
        for (var i = 0; i < 100; i++) found += _frozenNodes.GetValueOrDefault(NextCareer()) is null ? 0 : 1;
        return found;
    }

    [Benchmark(Description = "neighbours ×100 (skills, see-also out and in)")]
    public int Neighbours()
    {
        var found = 0;
        for (var i = 0; i < 100; i++)
        {
            var id = NextCareer();
            found += _index.Edges(id, EdgeKind.Requires, Direction.Outgoing).Count
                + _index.Edges(id, EdgeKind.SeeAlso, Direction.Outgoing).Count
                + _index.Edges(id, EdgeKind.SeeAlso, Direction.Incoming).Count;
        }
        return found;
    }

    [Benchmark(Description = "neighbours ×100, frozen dictionary")]
    public int NeighboursFrozen()
    {
        var found = 0;
        for (var i = 0; i < 100; i++)
        {
            var id = NextCareer();
            found += (_frozenOutgoing.GetValueOrDefault((id, EdgeKind.Requires))?.Length ?? 0)
                + (_frozenOutgoing.GetValueOrDefault((id, EdgeKind.SeeAlso))?.Length ?? 0)
                + (_frozenIncoming.GetValueOrDefault((id, EdgeKind.SeeAlso))?.Length ?? 0);
        }
        return found;
    }

    [Benchmark(Description = "reference by name or alias ×100")]
    public int Reference()
    {
        var found = 0;
        for (var i = 0; i < 100; i++) found += _index.Resolve(_references[_next++ % _references.Length], NodeKind.Career, everyMeaning: false).Count;
        return found;
    }

    [Benchmark(Description = "reference by name or alias ×100, frozen dictionary")]
    public int ReferenceFrozen()
    {
        var found = 0;
        for (var i = 0; i < 100; i++)
        {
            var key = Names.Key(_references[_next++ % _references.Length]);
            found += (_frozenNamed.GetValueOrDefault(key)?.Length ?? 0) + (_frozenAliases.GetValueOrDefault(key)?.Length ?? 0);
        }
        return found;
    }

    [Benchmark(Description = "walk between two careers")]
    public int Walk() => _index.Paths.Find(new PathQuery(NextCareer(), NextCareer()) { MaxHops = 8 }) is [var walk, ..] ? walk.Careers.Count : 0;

    [Benchmark(Description = "search (varied words)")]
    public int Search() => _index.Search.Find(new SearchQuery(_searches[_next++ % _searches.Length], new HashSet<NodeKind>(), 10)).Count;

    /// <summary>What a curation write costs the index (no SQLite): an alias added to a career, planned and applied.</summary>
    [Benchmark(Description = "curation write, index only")]
    public long Write() =>
        _index.With(ChangePlanner.Plan(new ChangeSet("bench", [new AddAlias(new Alias("Bench Write", NextCareer()))]), _index)).Version;

    /// <summary>A write the walk graph follows: a see-also link between two careers put (or its weight changed), planned and applied.</summary>
    [Benchmark(Description = "curation write of a see-also link, index only")]
    public long WriteLink()
    {
        var (source, target) = (NextCareer(), NextCareer());
        var link = new Edge(source, target == source ? NextCareer() : target, EdgeKind.SeeAlso) { Weight = 0.5, Tier = 2 };
        return _index.With(ChangePlanner.Plan(new ChangeSet("bench", [new PutEdge(link)]), _index)).Version;
    }
}
