using System.Net.Http.Json;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// On Neo4j other instances write to the same database unseen, so an answer is served again for at most
/// <c>SharedStoreSeconds</c>, then asked of Neo4j again.
/// </summary>
public sealed class Neo4jAnswerCacheTests : IAsyncLifetime
{
    private readonly ContractGraphQueryApi _graph = new();
    private FakeQueryApi _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(_graph.Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    [Fact]
    public async Task An_answer_is_served_again_only_within_SharedStoreSeconds()
    {
        await using var service = Neo4jTestServices.Service(_neo4j.Uri.ToString(),
            ("CareerGraph:WarmUp:Runs", "0"), ("CareerGraph:ResponseCache:SharedStoreSeconds", "1"));
        using var client = service.CreateClient();
        var query = new { query = """{ career(id: "machine-learning-engineer") { name skills { skill { name } } } }""" };

        async Task<(string Answer, int Statements)> AskAsync()
        {
            _neo4j.ClearRequests();
            var answer = await (await client.PostAsJsonAsync("/graphql", query)).Content.ReadAsStringAsync();
            return (answer, _neo4j.Requests.Count);
        }

        var first = await AskAsync();
        var again = await AskAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var later = await AskAsync();

        Assert.Contains("Machine Learning Engineer", first.Answer);
        Assert.True(first.Statements > 0);
        Assert.Equal((first.Answer, 0), again); // served from the cache
        Assert.Equal(first, later); // asked of Neo4j again
    }
}
