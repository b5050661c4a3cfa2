using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareerGraph.Tests.Contract;
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

    private WebApplicationFactory<Program> Service(string? uri = null) => Neo4jTestServices.Service(uri ?? _neo4j.Uri.ToString());

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
    public async Task The_service_exits_non_zero_naming_the_address_when_Neo4j_refuses_the_credentials()
    {
        _neo4j.AcceptedAuthorization = "Basic " + Convert.ToBase64String("neo4j:another-password"u8.ToArray());

        var (exitCode, errors) = await RunServiceAsync(_neo4j.Uri);

        Assert.Equal(1, exitCode);
        Assert.Contains($"CareerGraph cannot start: Neo4j at {_neo4j.Uri} refused the credentials", errors);
        Assert.Single(_neo4j.Requests); // never retried
    }

    [Fact]
    public async Task The_service_exits_non_zero_naming_the_address_when_Neo4j_cannot_be_reached()
    {
        Uri closed;
        await using (var gone = await FakeQueryApi.StartAsync(_ => FakeReply.Empty())) closed = gone.Uri;

        var (exitCode, errors) = await RunServiceAsync(closed);

        Assert.Equal(1, exitCode);
        Assert.Contains($"CareerGraph cannot start: Neo4j at {closed} cannot be reached", errors);
    }

    [Fact]
    public async Task The_service_exits_non_zero_naming_the_address_and_version_of_a_Neo4j_older_than_5_26()
    {
        _neo4j.Respond = request => request.StatementName == "server-version"
            ? FakeReply.Row(("name", "Neo4j Kernel"), ("version", "5.25.1"), ("edition", "community"))
            : _graph.Respond(request);

        var (exitCode, errors) = await RunServiceAsync(_neo4j.Uri);

        Assert.Equal(1, exitCode);
        Assert.Contains($"CareerGraph cannot start: Neo4j at {_neo4j.Uri} is version 5.25.1; CareerGraph needs Neo4j 5.26 or later", errors);
        Assert.DoesNotContain(_neo4j.Requests, r => r.Statement?.Contains("CREATE CONSTRAINT") == true); // nothing applied to it
    }

    [Theory]
    [InlineData("MaxHops", "9", "CareerGraph:Limits:MaxHops is 9, but the Neo4j store walks at most 8 hops")]
    [InlineData("MaxNeighbourhoodDepth", "4", "CareerGraph:Limits:MaxNeighbourhoodDepth is 4, but the Neo4j store searches neighbourhoods at most 3 hops deep")]
    public async Task The_service_does_not_start_with_limits_beyond_what_the_Neo4j_statements_search(string limit, string value, string message)
    {
        var (exitCode, errors) = await RunServiceAsync(_neo4j.Uri, new() { [$"CareerGraph__Limits__{limit}"] = value });

        Assert.Equal(1, exitCode);
        Assert.Contains($"CareerGraph cannot start: {message}", errors);
        Assert.Empty(_neo4j.Requests); // refused before Neo4j is asked anything
    }

    /// <summary>The built service, started as a process against Neo4j at <paramref name="uri"/> (seeding on, as by default): its exit code and standard error.</summary>
    private static async Task<(int ExitCode, string Errors)> RunServiceAsync(Uri uri, Dictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["CareerGraph__Store"] = "Neo4j",
            ["CareerGraph__Neo4j__Uri"] = uri.ToString(),
            ["CareerGraph__Neo4j__User"] = Neo4jTestServices.User,
            ["CareerGraph__Neo4j__Password"] = Neo4jTestServices.Password,
            ["CareerGraph__Neo4j__RetryDelay"] = "00:00:00.010",
            ["CareerGraph__Seeds__Path"] = RepoPaths.Seeds,
        };
        foreach (var (name, value) in settings ?? []) environment[name] = value;

        var (exitCode, output, errors) = await BuiltService.RunToExitAsync("http://127.0.0.1:0", environment);
        Assert.DoesNotContain("Now listening", output);
        return (exitCode, errors);
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
