using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*'            (O*NET size)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*' --scale 10 (10× the size)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*' --onet ../shared/data/onet-27.0 (real O*NET)
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var rest = args.Where((a, i) => a is not ("--scale" or "--onet") && (i == 0 || args[i - 1] is not ("--scale" or "--onet"))).ToArray();
Environment.SetEnvironmentVariable("CAREERGRAPH_BENCH_SCALE", Option("--scale") ?? "1");
if (Option("--onet") is { } onet) Environment.SetEnvironmentVariable("CAREERGRAPH_BENCH_ONET", Path.GetFullPath(onet));
BenchmarkSwitcher.FromAssembly(typeof(CareerGraph.Benchmarks.StoreBenchmarks).Assembly).Run(rest);
