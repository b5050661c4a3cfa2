using System.Diagnostics;
using CareerGraph.Embedded;
using CareerGraph.Model;
using CareerGraph.Paths;

namespace CareerGraph.Benchmarks;

/// <summary>
/// What opening a database file from its snapshot file is made of: reading the file into a graph, then each part of
/// the index built from it, one after the other (a start builds the parts side by side), with the time and the bytes
/// allocated of each, over a few rounds in one process. BenchmarkDotNet's <see cref="OpenBenchmarks"/> times the whole.
/// </summary>
internal static class OpenParts
{
    public static void Run(string database, int rounds)
    {
        var snapshot = SnapshotFile.PathFor(database);
        var times = new Dictionary<string, List<(double Ms, double Mb)>>();
        for (var round = 0; round < rounds; round++)
        {
            var contents = Measure(times, "read the snapshot file", () => SnapshotFile.Read(snapshot))
                ?? throw new InvalidOperationException($"{snapshot} cannot be read.");
            var document = contents.Document;
            var nodes = document.Nodes.ToList();
            // As a start builds them: from the file's tables where it holds them.
            var (edges, aliases) = (document.Edges as EdgeTable, document.Aliases as AliasTable);
            var ranks = edges is null ? [] : Measure(times, "node ids ranked", edges.Ranks);
            Measure(times, "edges by source", () => edges?.BySource(ranks) ?? GraphIndex.OutgoingEdges(document.Edges));
            Measure(times, "edges by target", () => edges?.ByTarget(ranks) ?? GraphIndex.IncomingEdges(document.Edges));
            Measure(times, "aliases by name", () => aliases?.ByKey() ?? GraphIndex.AliasesByKey(document.Aliases));
            Measure(times, "aliases by career", () => aliases?.ByTarget() ?? GraphIndex.AliasesByTarget(document.Aliases));
            Measure(times, "nodes by name", () => GraphIndex.NodesByName(nodes));
            Measure(times, "path links", () => edges is null ? new PathFinder(document.Careers.Select(c => c.Id), document.Edges) : GraphIndex.PathsOf(document.Careers, edges, ranks));
            Measure(times, "careers and skills sorted by name", () => (GraphIndex.ByName(document.Careers), GraphIndex.ByName(document.Skills)));
            Measure(times, "the whole index, parts side by side", () => new GraphIndex(document, contents.Redirects));
        }
        Console.WriteLine($"{snapshot}: {rounds} rounds; time and allocation per round (the first round includes the JIT)");
        Console.WriteLine("| part | ms | MB allocated |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (part, runs) in times)
            Console.WriteLine($"| {part} | {string.Join(" / ", runs.Select(r => r.Ms.ToString("N0")))} | {runs[^1].Mb:N1} |");
    }

    private static T Measure<T>(Dictionary<string, List<(double, double)>> times, string part, Func<T> build)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var built = build();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        (times.TryGetValue(part, out var list) ? list : times[part] = []).Add((elapsed, bytes / 1e6));
        return built;
    }
}
