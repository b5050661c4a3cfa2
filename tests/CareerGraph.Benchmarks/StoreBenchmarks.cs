using BenchmarkDotNet.Attributes;
using CareerGraph.Curation;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Benchmarks;

/// <summary>
/// The store operations behind the main queries, in-process on the embedded store, at O*NET size
/// (or 10× and 100× with --scale). Each benchmark does what the resolver does.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private SqliteGraphStore _store = null!;
    private string _folder = null!;
    private string _from = null!;
    private string _to = null!;
    private int _writes;

    [ParamsSource(nameof(Scales))]
    public int Scale { get; set; }

    /// <summary>Set by --scale on the command line.</summary>
    public static IEnumerable<int> Scales => BenchmarkGraph.Scales;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("careergraph-bench").FullName;
        _store = SqliteGraphStore.Open(System.IO.Path.Combine(_folder, "bench.db"));
        _store.ImportAsync(BenchmarkGraph.Document(Scale)).GetAwaiter().GetResult();
        if (BenchmarkGraph.Onet is not null)
        {
            // The real O*NET database (--onet): the walk tests/load/measure-onet.sh asks for over HTTP.
            _from = _store.ResolveAsync("Web Developers").Result[0].Id;
            _to = _store.ResolveAsync("Database Architects").Result[0].Id;
        }
        else
        {
            // Two careers a few hops apart, as a typical walk.
            _from = "career-3";
            _to = $"career-{1016 * Scale / 2 + 7}";
        }
        if (_store.FindPathsAsync(new PathQuery(_from, _to) { MaxHops = 8 }).Result.Count == 0)
            throw new InvalidOperationException("The generated graph has no walk between the benchmark careers.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "path (path + skills per step)")]
    public async Task<PathSkills> Path()
    {
        var path = (await _store.FindPathsAsync(new PathQuery(_from, _to) { MaxHops = 8 }))[0];
        var requirements = (await _store.GetEdgesAsync(path.Careers.ToList(), EdgeKind.Requires, Direction.Outgoing)).ToLookup(e => e.Source);
        return SkillComparison.Describe(path, requirements);
    }

    [Benchmark(Description = "careerMoves first=10 (moves + skills on their paths)")]
    public async Task<IReadOnlyList<PathSkills>> CareerMoves()
    {
        var moves = await _store.FindCareerMovesAsync(new CareerMovesQuery(_from) { First = 10 });
        var walks = moves.Select(m => m.Path).OfType<GraphPath>().ToList();
        var requirements = (await _store.GetEdgesAsync(walks.SelectMany(w => w.Careers).Distinct().ToList(), EdgeKind.Requires, Direction.Outgoing)).ToLookup(e => e.Source);
        return [.. walks.Select(w => SkillComparison.Describe(w, requirements))];
    }

    [Benchmark(Description = "paths k=3")]
    public Task<IReadOnlyList<GraphPath>> KPaths() => _store.FindPathsAsync(new PathQuery(_from, _to) { MaxHops = 8, K = 3 });

    [Benchmark(Description = "search (typo)")]
    public Task<IReadOnlyList<SearchHit>> Search() => _store.SearchAsync(new SearchQuery("machne lerning", new HashSet<NodeKind>(), 10));

    /// <summary>
    /// A curation write as the addAlias mutation makes it: one SQLite transaction, then the new snapshot. Every
    /// other call removes the alias again (removeAlias, the same size of write), so the graph stays the same size.
    /// </summary>
    [Benchmark(Description = "addAlias / removeAlias (curation write)")]
    public Task<ChangeReceipt> AddAlias()
    {
        var alias = new Alias("Bench Title", _from);
        return _store.ApplyAsync(new ChangeSet("bench", [++_writes % 2 == 1 ? new AddAlias(alias) : new RemoveAlias(alias)]));
    }

    [Benchmark(Description = "update one career (curation write)")]
    public Task<ChangeReceipt> UpdateCareer()
    {
        var career = (Career)_store.Snapshot.Node(_to)!;
        return _store.ApplyAsync(new ChangeSet("bench", [new UpdateNode(career with { Description = $"Revised {++_writes}." })]));
    }

    [Benchmark(Description = "neighbourhood depth 2")]
    public Task<Subgraph> Neighbourhood() => _store.GetNeighbourhoodAsync(new NeighbourhoodQuery(_from) { Depth = 2 });

    [Benchmark(Description = "shared skills (3 careers)")]
    public async Task<IReadOnlyList<string>> SharedSkills()
    {
        string[] careers = [_from, _to, "career-10"];
        var requirements = (await _store.GetEdgesAsync(careers, EdgeKind.Requires, Direction.Outgoing)).ToLookup(e => e.Source);
        return SkillComparison.Shared(careers.Select(c => requirements[c]));
    }

    [Benchmark(Description = "skill gap")]
    public async Task<SkillGap> SkillGap()
    {
        var requirements = (await _store.GetEdgesAsync([_from, _to], EdgeKind.Requires, Direction.Outgoing)).ToLookup(e => e.Source);
        return SkillComparison.Gap(_from, _to, requirements[_from], requirements[_to]);
    }
}
