using System.Text.RegularExpressions;
using CareerGraph.Api.Security;
using CareerGraph.Model;
using CareerGraph.Neo4j;
using CareerGraph.Store;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// No statement walks the whole connected graph: every variable-length pattern in graph/queries has a literal upper
/// bound (Cypher takes no parameter there), the walk and neighbourhood bounds are the API's maxima, and the store refuses
/// a request beyond them rather than answer it cut short.
/// </summary>
public sealed partial class CypherBoundsTests : IAsyncLifetime
{
    private FakeQueryApi _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(new ContractGraphQueryApi().Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    [Fact]
    public void No_statement_has_an_unbounded_path_pattern()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "graph", "queries"), "*.cypher");

        // The one exception climbs a career's SPECIALISATION_OF chain: one type, one direction, a chain the graph rules
        // keep free of cycles, so it ends at the broadest career and never spreads into the rest of the graph.
        const string SpecialisationChain = "-[:SPECIALISATION_OF]->+";
        Assert.All(files, file => Assert.DoesNotMatch(Unbounded(), Code(file).Replace(SpecialisationChain, "")));
    }

    [Theory]
    [InlineData("career-path-edges", Neo4jGraphStore.MaxPathHops, "$maxHops")]
    [InlineData("neighbourhood", Neo4jGraphStore.MaxNeighbourhoodDepth, "$depth")]
    public void Searches_stop_at_the_APIs_maximum_and_filter_the_length_inside_the_pattern(string statement, int bound, string limit)
    {
        var code = Code(Path.Combine(RepoPaths.Root, "graph", "queries", statement + ".cypher"));
        var searches = Regex.Matches(code, @"SHORTEST 1 \(p = [^\n]*\]-\{1,(\d+)\}[^\n]*\n\s*WHERE [^\n]*length\(p\) <= (\$\w+)\)");

        Assert.NotEmpty(searches);
        Assert.All(searches, s => Assert.Equal((bound.ToString(), limit), (s.Groups[1].Value, s.Groups[2].Value)));
        var limits = new LimitOptions();
        Assert.Equal(statement == "neighbourhood" ? limits.MaxNeighbourhoodDepth : limits.MaxHops, bound);
    }

    [Fact]
    public async Task A_walk_longer_than_the_statement_searches_is_refused_before_anything_is_sent()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            services.Store().FindPathsAsync(new PathQuery("machine-learning-engineer", "cloud-engineer") { MaxHops = Neo4jGraphStore.MaxPathHops + 1 }));

        Assert.Contains("CareerGraph:Limits:MaxHops", error.Message);
        Assert.Empty(_neo4j.Requests);
    }

    [Fact]
    public async Task A_neighbourhood_deeper_than_the_statement_searches_is_refused_before_anything_is_sent()
    {
        using var services = Neo4jTestServices.Create(_neo4j.Uri);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            services.Store().GetNeighbourhoodAsync(new NeighbourhoodQuery("mlops-engineer") { Depth = Neo4jGraphStore.MaxNeighbourhoodDepth + 1, EdgeKinds = [EdgeKind.SeeAlso] }));

        Assert.Contains("CareerGraph:Limits:MaxNeighbourhoodDepth", error.Message);
        Assert.Empty(_neo4j.Requests);
    }

    /// <summary>The statement without its comments.</summary>
    private static string Code(string file) =>
        string.Join('\n', File.ReadAllLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    /// <summary>A quantifier with no upper bound: -+, -*, ]-+, {n,} and the old *, *n.. forms of variable-length relationships.</summary>
    [GeneratedRegex(@"[\]\)]-?>?[+*]|\{\d*,\}|\[[^\]]*\*\s*\d*\s*(\.\.)?\s*\]")]
    private static partial Regex Unbounded();
}
