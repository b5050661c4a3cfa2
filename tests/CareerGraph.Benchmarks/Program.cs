using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*'            (O*NET size)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*' --scale 10 (10× the size)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*' --onet ../shared/data/onet-27.0 (real O*NET)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --write-json 10 /tmp/graph-10x.json (the generated graph, for `import json`)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --search-memory 10 (what building the search index allocates and keeps)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --index-memory 10 (the same for the rest of the index)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --open-parts /tmp/onet.db 5 (opening that file's snapshot file, part by part)
if (args is ["--write-json", var scale, var file])
{
    using var output = File.Create(file);
    CareerGraph.Interchange.Formats.JsonGraph.Write(CareerGraph.Benchmarks.GraphGenerator.Generate(int.Parse(scale)), output);
    return;
}
if (args is ["--search-memory", var searchScale])
{
    var index = new CareerGraph.Embedded.GraphIndex(CareerGraph.Benchmarks.GraphGenerator.Generate(int.Parse(searchScale)));
    ReportMemory($"scale {searchScale}: search index", () => index.Search);
    return;
}
if (args is ["--open-parts", var database, var rounds])
{
    CareerGraph.Benchmarks.OpenParts.Run(database, int.Parse(rounds));
    return;
}
if (args is ["--index-memory", var indexScale])
{
    // The index's own parts (tables, groups, path links) over a graph already in memory; search is built apart.
    var document = CareerGraph.Benchmarks.GraphGenerator.Generate(int.Parse(indexScale));
    ReportMemory($"scale {indexScale}: index", () => new CareerGraph.Embedded.GraphIndex(document));
    return;
}
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var rest = args.Where((a, i) => a is not ("--scale" or "--onet") && (i == 0 || args[i - 1] is not ("--scale" or "--onet"))).ToArray();
Environment.SetEnvironmentVariable("CAREERGRAPH_BENCH_SCALE", Option("--scale") ?? "1");
if (Option("--onet") is { } onet) Environment.SetEnvironmentVariable("CAREERGRAPH_BENCH_ONET", Path.GetFullPath(onet));
BenchmarkSwitcher.FromAssembly(typeof(CareerGraph.Benchmarks.StoreBenchmarks).Assembly).Run(rest);

// What BenchmarkDotNet does not report: the memory a build keeps, measured as the heap after full collections.
static void ReportMemory(string what, Func<object> build)
{
    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var started = System.Diagnostics.Stopwatch.GetTimestamp();
    var built = build();
    var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    var kept = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
    Console.WriteLine($"{what} built in {elapsed.TotalMilliseconds:N0} ms, {allocated / 1e6:N1} MB allocated, {kept / 1e6:N1} MB kept");
    GC.KeepAlive(built);
}
