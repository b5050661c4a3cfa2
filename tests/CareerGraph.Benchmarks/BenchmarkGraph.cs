using CareerGraph.Interchange.Onet;
using CareerGraph.Model;

namespace CareerGraph.Benchmarks;

/// <summary>The graph the store benchmarks run on, as the command line chose it: O*NET (--onet) or a generated one (--scale).</summary>
internal static class BenchmarkGraph
{
    /// <summary>The --scale given, as a benchmark's parameter values (so that its rows say which).</summary>
    public static IEnumerable<int> Scales => [int.Parse(Environment.GetEnvironmentVariable("CAREERGRAPH_BENCH_SCALE") ?? "1")];

    /// <summary>The real O*NET database's folder, when --onet was given.</summary>
    public static string? Onet => Environment.GetEnvironmentVariable("CAREERGRAPH_BENCH_ONET");

    /// <summary>O*NET mapped to a graph when --onet was given, else a generated graph of the scale's size.</summary>
    public static GraphDocument Document(int scale) =>
        Onet is { } onet ? OnetMapping.ToGraph(OnetDatabase.Read(onet), GraphDocument.Empty).Document : GraphGenerator.Generate(scale);
}
