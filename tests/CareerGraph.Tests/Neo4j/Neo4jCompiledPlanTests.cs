using System.Net.Http.Json;
using CareerGraph.Api.Execution;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// On Neo4j, where batched loads are HTTP calls awaited level by level, a query answered from a compiled plan gives
/// the bytes of the general executor's answer and sends Neo4j the same statements, as many.
/// </summary>
public sealed class Neo4jCompiledPlanTests : IAsyncLifetime
{
    private readonly ContractGraphQueryApi _graph = new();
    private FakeQueryApi _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(_graph.Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    [Theory]
    [InlineData("{ careers(first: 5) { nodes { name skills { importance skill { name aliases } } } } }")]
    [InlineData("""{ career(id: "machine-learning-engineer") { name duties industries { name } seeAlso { weight career { name aliases } } specialisationOf { id } } }""")]
    [InlineData("""{ a: node(id: "python") { __typename ... on Skill { name hot } } b: nodes(ids: ["mlops-engineer", "python"]) { ...Named } } fragment Named on Node { id name kind }""")]
    [InlineData("""{ stats { careers skills edges } careers(first: 2, after: null) { totalCount pageInfo { hasNextPage } } }""")]
    public async Task A_planned_query_answers_the_same_bytes_with_the_same_statements(string query)
    {
        await using var compiled = Service(compiledPlans: true);
        await using var general = Service(compiledPlans: false);
        using var compiledClient = compiled.CreateClient();
        using var generalClient = general.CreateClient();
        var counts = compiled.Services.GetRequiredService<CompiledQueryStrategy>().Counts;

        _neo4j.ClearRequests(); // the schema applied at start-up
        var fromPlan = await (await compiledClient.PostAsJsonAsync("/graphql", new { query })).Content.ReadAsStringAsync();
        var planStatements = _neo4j.Requests.Select(r => r.StatementName).ToList();
        _neo4j.ClearRequests();
        var fromGeneral = await (await generalClient.PostAsJsonAsync("/graphql", new { query })).Content.ReadAsStringAsync();
        var generalStatements = _neo4j.Requests.Select(r => r.StatementName).ToList();

        Assert.DoesNotContain("\"errors\"", fromGeneral);
        Assert.Equal(fromGeneral, fromPlan);
        // The loads of one level run at once, so they reach Neo4j in either order: the same statements, as many.
        Assert.Equal(generalStatements.Order(), planStatements.Order());
        Assert.Equal(counts.Answered + 1, compiled.Services.GetRequiredService<CompiledQueryStrategy>().Counts.Answered);
    }

    private WebApplicationFactory<Program> Service(bool compiledPlans) => Neo4jTestServices.Service(_neo4j.Uri.ToString(),
        ("CareerGraph:WarmUp:Runs", "0"), ("CareerGraph:ResponseCache:Enabled", "false"), ("CareerGraph:Execution:CompiledPlans", compiledPlans ? "true" : "false"));
}
