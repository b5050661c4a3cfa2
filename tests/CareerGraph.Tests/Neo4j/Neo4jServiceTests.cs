using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareerGraph.Tests.Contract;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace CareerGraph.Tests.Neo4j;

/// <summary>The whole service configured for Neo4j ("CareerGraph:Store" = "Neo4j"), against a fake Query API.</summary>
public sealed class Neo4jServiceTests : IAsyncLifetime
{
    private readonly ContractGraphQueryApi _graph = new();
    private FakeQueryApi _neo4j = null!;

    public async Task InitializeAsync() => _neo4j = await FakeQueryApi.StartAsync(_graph.Respond);
    public async Task DisposeAsync() => await _neo4j.DisposeAsync();

    private WebApplicationFactory<Program> Service(string? uri = null) => new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
        .UseEnvironment("Production")
        .UseSetting("CareerGraph:Store", "Neo4j")
        .UseSetting("CareerGraph:Neo4j:Uri", uri ?? _neo4j.Uri.ToString())
        .UseSetting("CareerGraph:Neo4j:User", Neo4jTestServices.User)
        .UseSetting("CareerGraph:Neo4j:Password", Neo4jTestServices.Password)
        .UseSetting("CareerGraph:Neo4j:RetryDelay", "00:00:00.010")
        .UseSetting("CareerGraph:Seeds:LoadOnStart", "false"));

    [Fact]
    public async Task A_nested_query_costs_one_Neo4j_request_per_nesting_level()
    {
        await using var service = Service();
        using var client = service.CreateClient();
        _neo4j.ClearRequests(); // the schema applied at start-up

        var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = "{ careers(first: 5) { nodes { name skills { importance skill { name aliases } } } } }",
        });

        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(json.TryGetProperty("errors", out _), json.ToString());
        var careers = json.GetProperty("data").GetProperty("careers").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(5, careers.Count);
        var skillCount = careers.Sum(c => c.GetProperty("skills").GetArrayLength());
        Assert.True(skillCount > 5, "the query should touch many skills, so that unbatched loading would show");
        Assert.Contains(careers.SelectMany(c => c.GetProperty("skills").EnumerateArray()),
            s => s.GetProperty("skill").GetProperty("aliases").EnumerateArray().Any(a => a.GetString() == "k8s"));

        // Four levels (careers, their skills, each skill, its aliases): four requests, however many careers and skills.
        Assert.Equal(["careers-page", "requires-edges", "nodes-by-id", "aliases-of"], _neo4j.Requests.Select(r => r.StatementName));
        Assert.Equal(5, _neo4j.Requests[1].Parameter<string[]>("sources")!.Length);
        Assert.True(_neo4j.Requests[2].Parameter<string[]>("ids")!.Length > 1);
    }

    [Fact]
    public async Task Ready_is_false_with_the_reason_while_Neo4j_refuses_the_credentials()
    {
        _neo4j.Respond = _ => FakeReply.Error(401, "Neo.ClientError.Security.Unauthorized", "Invalid username or password.");
        await using var service = Service();
        using var client = service.CreateClient();

        var ready = await client.GetAsync("/ready");
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // the process lives; it is just not ready

        _neo4j.Respond = _graph.Respond;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ready")).StatusCode);
    }

    [Fact]
    public async Task Ready_is_false_while_Neo4j_cannot_be_reached()
    {
        Uri closed;
        await using (var gone = await FakeQueryApi.StartAsync(_ => FakeReply.Empty())) closed = gone.Uri;
        await using var service = Service(closed.ToString());
        using var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/ready")).StatusCode);
    }

    [Fact]
    public void A_bolt_address_is_refused_at_start_up_with_the_fix()
    {
        using var service = Service("bolt://localhost:7687");

        var error = Assert.Throws<OptionsValidationException>(() => service.CreateClient());

        Assert.Contains("http:// or https://", error.Message);
        Assert.Contains("7474", error.Message);
    }
}
