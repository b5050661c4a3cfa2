using System.Text;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Tests.Contract;

namespace CareerGraph.Tests.Neo4j;

/// <summary>How the store speaks the Query API: what it sends, and how it takes Neo4j's answers and failures.</summary>
public sealed class QueryApiClientTests
{
    private static readonly string[] OnlyPython = ["python"];

    [Fact]
    public async Task A_read_posts_the_statement_file_with_parameters_and_basic_auth_to_the_database_query_endpoint()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(new ContractGraphQueryApi().Respond);
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?> { ["Database"] = "careers" });

        var nodes = await services.Store().GetNodesAsync(["python", "no-such-node"]);

        Assert.Equal("python", Assert.Single(nodes).Id);
        var request = Assert.Single(neo4j.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/db/careers/query/v2", request.Path);
        Assert.Equal("graph/queries/nodes-by-id.cypher", request.StatementFile);
        Assert.Equal(CypherFilesOnDisk.Text("graph/queries/nodes-by-id.cypher"), request.Statement);
        Assert.Equal(["python", "no-such-node"], request.Parameter<string[]>("ids")!);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Neo4jTestServices.User}:{Neo4jTestServices.Password}")), request.Authorization);
        Assert.Equal("application/json", request.Accept);
        Assert.StartsWith("application/json", request.ContentType);
    }

    [Fact]
    public async Task A_token_is_sent_as_a_bearer_credential_instead_of_the_password()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(new ContractGraphQueryApi().Respond);
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?> { ["Token"] = "sso-token" });

        await services.Store().GetNodesAsync(OnlyPython);

        Assert.Equal("Bearer sso-token", Assert.Single(neo4j.Requests).Authorization);
    }

    [Fact]
    public async Task Wrong_credentials_fail_at_once_with_what_to_set()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ =>
            FakeReply.Error(401, "Neo.ClientError.Security.Unauthorized", "Invalid username or password."));
        using var services = Neo4jTestServices.Create(neo4j.Uri);

        var error = await Assert.ThrowsAsync<Neo4jAuthenticationException>(() => services.Store().GetStatsAsync());

        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Contains("Invalid username or password.", error.Message);
        Assert.Contains("CareerGraph:Neo4j:User", error.Message);
        Assert.Single(neo4j.Requests); // never retried
    }

    [Fact]
    public async Task A_read_is_retried_with_backoff_after_server_errors()
    {
        var answered = 0;
        var graph = new ContractGraphQueryApi();
        await using var neo4j = await FakeQueryApi.StartAsync(request =>
            Interlocked.Increment(ref answered) <= 2 ? new FakeReply(503, "<html>Service Unavailable</html>", ContentType: "text/html") : graph.Respond(request));
        using var services = Neo4jTestServices.Create(neo4j.Uri);

        var stats = await services.Store().GetStatsAsync();

        Assert.Equal(ContractGraph.Document.Careers.Count, stats.Nodes[Model.NodeKind.Career]);
        Assert.Equal(3, neo4j.Requests.Count);
        Assert.All(neo4j.Requests, r => Assert.Equal("graph-stats", r.StatementName));
    }

    [Fact]
    public async Task A_read_is_retried_after_a_transient_Neo4j_error()
    {
        var answered = 0;
        var graph = new ContractGraphQueryApi();
        await using var neo4j = await FakeQueryApi.StartAsync(request => Interlocked.Increment(ref answered) == 1
            ? FakeReply.Error(202, "Neo.TransientError.Transaction.DeadlockDetected", "ForsetiClient can't acquire lock.")
            : graph.Respond(request));
        using var services = Neo4jTestServices.Create(neo4j.Uri);

        Assert.Single(await services.Store().GetNodesAsync(OnlyPython));
        Assert.Equal(2, neo4j.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_and_say_Neo4j_is_unavailable()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => new FakeReply(502, "bad gateway", ContentType: "text/plain"));
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?> { ["Retries"] = "2" });

        var error = await Assert.ThrowsAsync<Neo4jUnavailableException>(() => services.Store().GetStatsAsync());

        Assert.Contains("HTTP 502", error.Message);
        Assert.Equal(3, neo4j.Requests.Count);
    }

    [Fact]
    public async Task A_statement_Neo4j_refuses_fails_with_its_code_and_is_not_retried()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ =>
            FakeReply.Error(400, "Neo.ClientError.Statement.SyntaxError", "Invalid input 'MATC'"));
        using var services = Neo4jTestServices.Create(neo4j.Uri);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => services.Store().GetNodesAsync(OnlyPython));

        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.False(error.IsTransient);
        Assert.Contains("graph/queries/nodes-by-id.cypher", error.Message);
        Assert.Single(neo4j.Requests);
    }

    [Fact]
    public async Task A_request_that_takes_too_long_is_abandoned_and_tried_again()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Empty() with { Delay = TimeSpan.FromSeconds(30) });
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?>
        {
            ["AttemptTimeout"] = "00:00:01",
            ["Retries"] = "1",
        });

        var error = await Assert.ThrowsAsync<Neo4jUnavailableException>(() => services.Store().GetStatsAsync());

        Assert.Contains("did not answer", error.Message);
        Assert.Equal(2, neo4j.Requests.Count);
    }

    [Fact]
    public async Task An_address_where_nothing_listens_is_reported_as_unreachable_with_the_setting_to_check()
    {
        Uri closed;
        await using (var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Empty())) closed = neo4j.Uri;
        using var services = Neo4jTestServices.Create(closed, new Dictionary<string, string?> { ["Retries"] = "1" });

        var error = await Assert.ThrowsAsync<Neo4jUnavailableException>(() => services.Store().GetStatsAsync());

        Assert.Contains("cannot be reached", error.Message);
        Assert.Contains("CareerGraph:Neo4j:Uri", error.Message);
    }

    [Fact]
    public async Task Parameters_that_are_whole_numbers_stay_floating_point_on_the_wire()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Row(("careers", Array.Empty<string>()), ("edges", Array.Empty<object>())));
        using var services = Neo4jTestServices.Create(neo4j.Uri);

        await services.Store().FindPathsAsync(new Store.PathQuery("a", "b") { MinWeight = 1 });

        Assert.Contains("\"minWeight\":1.0", Assert.Single(neo4j.Requests).Body);
    }
}
