using BenchmarkDotNet.Attributes;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;

namespace CareerGraph.Benchmarks;

/// <summary>
/// careerMatches against path, in one run on the same store (the O*NET-sized generated graph, or the real O*NET with
/// --onet): fixed arguments, arguments that change every call (skills of a different career, paths between different
/// careers), and the worst case of the three skills most careers require. Each does what the resolver does: the
/// skills resolved by name, the matches ranked and described; the path found and described in skills.
/// </summary>
[MemoryDiagnoser]
public class CareerMatchBenchmarks
{
    private const int Varied = 64;
    private SqliteGraphStore _store = null!;
    private string _folder = null!;
    private (string From, string To) _pair;
    private readonly List<(string From, string To)> _pairs = [];
    private string[] _skills = [];
    private string[] _commonSkills = [];
    private readonly List<string[]> _skillSets = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("careergraph-bench").FullName;
        _store = SqliteGraphStore.Open(System.IO.Path.Combine(_folder, "bench.db"));
        var document = BenchmarkGraph.Document(BenchmarkGraph.Scales.Single());
        _store.ImportAsync(document).GetAwaiter().GetResult();

        var careers = document.Careers.Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        var requires = document.Edges.Where(e => e.Kind == EdgeKind.Requires).ToList();
        var skillNames = document.Skills.ToDictionary(s => s.Id, s => s.Name);
        var byCareer = requires.ToLookup(e => e.Source, e => e.Target);
        string[] ThreeSkillsOf(string career)
        {
            var own = byCareer[career].Order(StringComparer.Ordinal).ToList();
            return [.. new[] { own[0], own[own.Count / 2], own[^1] }.Distinct().Select(id => skillNames[id])];
        }

        _pair = document.Careers.Any(c => c.Name == "Web Developers")
            ? (_store.ResolveAsync("Web Developers").Result[0].Id, _store.ResolveAsync("Database Architects").Result[0].Id)
            : ("career-3", $"career-{careers.Count / 2 + 7}");
        _skills = ThreeSkillsOf(_pair.From);
        _commonSkills = [.. requires.GroupBy(e => e.Target).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => skillNames[g.Key])];
        for (var i = 0; _skillSets.Count < Varied || _pairs.Count < Varied; i++)
        {
            var from = careers[i * 37 % careers.Count];
            var to = careers[(i * 101 + careers.Count / 2) % careers.Count];
            if (_skillSets.Count < Varied && byCareer[from].Any()) _skillSets.Add(ThreeSkillsOf(from));
            if (_pairs.Count < Varied && from != to && _store.FindPathsAsync(new PathQuery(from, to) { MaxHops = 8 }).Result.Count > 0) _pairs.Add((from, to));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "path (path + skills per step)")]
    public Task<PathSkills> Path() => SkillsAlong(_pair);

    [Benchmark(Description = "path, a different path each call")]
    public Task<PathSkills> PathVaried() => SkillsAlong(_pairs[_next++ % _pairs.Count]);

    [Benchmark(Description = "careerMatches, 3 skills of the path's first career")]
    public Task<IReadOnlyList<CareerMatch>> Match() => Matches(_skills);

    [Benchmark(Description = "careerMatches, 3 skills of a different career each call")]
    public Task<IReadOnlyList<CareerMatch>> MatchVaried() => Matches(_skillSets[_next++ % _skillSets.Count]);

    [Benchmark(Description = "careerMatches, the 3 skills most careers require")]
    public Task<IReadOnlyList<CareerMatch>> MatchCommon() => Matches(_commonSkills);

    private Task<IReadOnlyList<CareerMatch>> Matches(string[] skills) =>
        new CareerMatchAdvice(_store, 100).FindAsync(new CareerMatchRequest(skills), CancellationToken.None);

    private async Task<PathSkills> SkillsAlong((string From, string To) pair)
    {
        var path = (await _store.FindPathsAsync(new PathQuery(pair.From, pair.To) { MaxHops = 8 }))[0];
        var requirements = (await _store.GetEdgesAsync(path.Careers.ToList(), EdgeKind.Requires, Direction.Outgoing)).ToLookup(e => e.Source);
        return SkillComparison.Describe(path, requirements);
    }
}
