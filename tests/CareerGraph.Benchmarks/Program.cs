using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*'            (O*NET size)
// dotnet run -c Release --project tests/CareerGraph.Benchmarks -- --filter '*' --scale 10 (10× the size)
var scale = args.SkipWhile(a => a != "--scale").Skip(1).Select(int.Parse).FirstOrDefault(1);
var rest = args.Where((a, i) => a != "--scale" && (i == 0 || args[i - 1] != "--scale")).ToArray();
Environment.SetEnvironmentVariable("CAREERGRAPH_BENCH_SCALE", scale.ToString());
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
