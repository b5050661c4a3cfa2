using BenchmarkDotNet.Attributes;
using CareerGraph.Embedded;
using CareerGraph.Model;

namespace CareerGraph.Benchmarks;

/// <summary>
/// What a start pays for the embedded store: opening a database file from its snapshot file (the usual start), from
/// its tables (no snapshot file, or one that does not match), and building the index from a graph already in memory.
/// The search index is not part of any of them: it is built apart, once the service listens, and measured apart here. Time and allocation
/// both count here, since allocation is what the garbage collector later pays for.
/// </summary>
[MemoryDiagnoser]
public class OpenBenchmarks
{
    private string _folder = null!;
    private string _database = null!;
    private GraphDocument _document = null!;
    private GraphIndex _index = null!;
    private Edge[] _links = null!;

    [ParamsSource(nameof(Scales))]
    public int Scale { get; set; }

    /// <summary>Set by --scale on the command line.</summary>
    public static IEnumerable<int> Scales => BenchmarkGraph.Scales;

    [GlobalSetup]
    public void Setup()
    {
        _document = BenchmarkGraph.Document(Scale);
        _folder = Directory.CreateTempSubdirectory("careergraph-bench").FullName;
        _database = Path.Combine(_folder, "bench.db");
        using var store = SqliteGraphStore.Open(_database);
        store.ImportAsync(_document).GetAwaiter().GetResult();
        _index = store.Snapshot;
        _links = [.. _document.Edges.Where(e => e.Kind is EdgeKind.SeeAlso or EdgeKind.SpecialisationOf)];
        new Random(5).Shuffle(_links);
        // Disposing waits for the snapshot file the import wrote in the background.
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "open from the snapshot file")]
    public long OpenFromSnapshotFile()
    {
        using var store = SqliteGraphStore.Open(_database);
        if (!store.LoadedFromSnapshotFile) throw new InvalidOperationException("The snapshot file was not used.");
        return store.Snapshot.Version;
    }

    [Benchmark(Description = "open from the tables")]
    public long OpenFromTables()
    {
        using var store = SqliteGraphStore.Open(_database, snapshotFile: false);
        return store.Snapshot.Version;
    }

    [Benchmark(Description = "index from a graph in memory")]
    public long BuildIndex() => new GraphIndex(_document).Version;

    /// <summary>The comparison path links are ordered by (<see cref="Edge.CompareById"/>), on every career-to-career edge shuffled.</summary>
    [Benchmark(Description = "career links sorted by id")]
    public int SortLinks()
    {
        var links = (Edge[])_links.Clone();
        Array.Sort(links, Edge.CompareById);
        return links.Length;
    }

    [Benchmark(Description = "search index")]
    public int BuildSearch() => new SearchIndex(_document.Nodes, _document.Aliases, _document.Edges.Where(e => e.Kind == EdgeKind.Requires).Select(e => e.Target), _index.Node).OverlaySize;
}
