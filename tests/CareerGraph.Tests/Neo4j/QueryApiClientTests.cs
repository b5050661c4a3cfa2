using System.Text;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Tests.Contract;
using Microsoft.Extensions.DependencyInjection;

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
        await using var neo4j = await FakeQueryApi.StartAsync(new ContractGraphQueryApi().Respond);
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?> { ["Password"] = "not-the-password" });

        var error = await Assert.ThrowsAsync<Neo4jAuthenticationException>(() => services.Store().GetStatsAsync());

        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Contains("authentication failure", error.Message);
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
        var slow = false;
        var graph = new ContractGraphQueryApi();
        await using var neo4j = await FakeQueryApi.StartAsync(request =>
            Volatile.Read(ref slow) ? FakeReply.Empty() with { Delay = TimeSpan.FromSeconds(30) } : graph.Respond(request));
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?>
        {
            ["AttemptTimeout"] = "00:00:01",
            ["Retries"] = "1",
        });
        // One answered read first: on a busy machine the first request to a fresh server can take longer than the
        // attempt's second to reach it, and an attempt abandoned before it arrives is not seen by the server.
        await services.Store().GetStatsAsync();
        Volatile.Write(ref slow, true);
        neo4j.ClearRequests();

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

    private static readonly CypherStatement Write = new("test/write.cypher", "CREATE (:Career {id: 'x'}) RETURN 1 AS a");

    [Fact]
    public async Task A_transaction_opens_with_an_empty_JSON_body_and_commits_with_one()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Row(("a", 1)));
        using var services = Neo4jTestServices.Create(neo4j.Uri);
        var client = services.GetRequiredService<QueryApiClient>();

        await using (var transaction = await client.BeginAsync(Write))
            await transaction.CommitAsync();

        var (open, write, commit) = (neo4j.Requests[0], neo4j.Requests[1], neo4j.Requests[2]);
        Assert.Equal(("/db/neo4j/query/v2/tx", "{}"), (open.Path, open.Body));
        Assert.Equal(Write.Text, write.Statement);
        Assert.Equal(("/db/neo4j/query/v2/tx/tx1/commit", "{}"), (commit.Path, commit.Body));
        Assert.All(neo4j.Requests, r => Assert.StartsWith("application/json", r.ContentType));
        Assert.Equal(["tx1"], neo4j.Committed);
        Assert.Equal(3, neo4j.Requests.Count); // nothing after the commit
    }

    [Fact]
    public async Task A_commit_refused_with_a_definite_error_is_followed_by_a_rollback()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Row(("a", 1)));
        neo4j.Intercept = r => r.Path.EndsWith("/commit") ? FakeReply.Error(400, "Neo.ClientError.Transaction.TransactionCommitFailed", "Commit failed.") : null;
        using var services = Neo4jTestServices.Create(neo4j.Uri);
        await using var transaction = await services.GetRequiredService<QueryApiClient>().BeginAsync(Write);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => transaction.CommitAsync());

        Assert.Equal("Neo.ClientError.Transaction.TransactionCommitFailed", error.Code);
        Assert.Equal(("DELETE", "/db/neo4j/query/v2/tx/tx1"), (neo4j.Requests[^1].Method, neo4j.Requests[^1].Path));
        Assert.Empty(neo4j.Committed);
    }

    [Fact]
    public async Task A_commit_that_gets_no_answer_is_reported_as_of_unknown_outcome_and_not_sent_again()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Row(("a", 1)));
        neo4j.Intercept = r => r.Path.EndsWith("/commit") ? FakeReply.Json(new()) with { Delay = TimeSpan.FromSeconds(30) } : null;
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:01", ["TransactionTimeout"] = "00:00:01" });
        await using var transaction = await services.GetRequiredService<QueryApiClient>().BeginAsync(Write);

        var error = await Assert.ThrowsAsync<Neo4jCommitOutcomeUnknownException>(() => transaction.CommitAsync());

        Assert.Contains("may or may not be stored", error.Message);
        Assert.Single(neo4j.Requests, r => r.Path.EndsWith("/commit"));
        await transaction.DisposeAsync();
        Assert.DoesNotContain(neo4j.Requests, r => r.Method == "DELETE"); // a rollback could report a stored change as lost
    }

    [Fact]
    public async Task A_transaction_past_its_expiry_fails_clearly_without_sending()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(_ => FakeReply.Row(("a", 1)));
        // Long enough that opening and the first statement fit in it on a busy machine (a second did not, once, in CI).
        neo4j.TransactionIdleTimeout = TimeSpan.FromSeconds(3);
        using var services = Neo4jTestServices.Create(neo4j.Uri);
        await using var transaction = await services.GetRequiredService<QueryApiClient>().BeginAsync(Write);
        await Task.Delay(TimeSpan.FromSeconds(3.1));
        var sent = neo4j.Requests.Count;

        var error = await Assert.ThrowsAsync<Neo4jException>(() => transaction.RunAsync(Write));

        Assert.Equal("CareerGraph.TransactionExpired", error.Code);
        Assert.Contains("nothing of it is stored", error.Message);
        Assert.Equal(sent, neo4j.Requests.Count);
    }

    [Fact]
    public async Task A_write_in_a_transaction_may_take_longer_than_a_read()
    {
        await using var neo4j = await FakeQueryApi.StartAsync(r => r.Path.Contains("/tx/") ? FakeReply.Row(("a", 1)) with { Delay = TimeSpan.FromSeconds(1.5) } : FakeReply.Row(("a", 1)));
        using var services = Neo4jTestServices.Create(neo4j.Uri, new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:01", ["TransactionTimeout"] = "00:00:05" });

        await using var transaction = await services.GetRequiredService<QueryApiClient>().BeginAsync(Write);

        Assert.Equal(1, transaction.First.Single("a", 0));
    }
}
