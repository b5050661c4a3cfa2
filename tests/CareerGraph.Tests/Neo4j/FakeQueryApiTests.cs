using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// The fake answers as Neo4j 5.26 does. Each expectation comes from the server's source (QueryController,
/// QueryAPITransactionManager, the exception mappers) or from requests recorded against real 5.26.31 and 2026.09 servers
/// (xo/dbimp, testdata/neo4j/), named beside it; see docs/neo4j.md.
/// </summary>
public sealed class FakeQueryApiTests : IAsyncLifetime
{
    private FakeQueryApi _neo4j = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _neo4j = await FakeQueryApi.StartAsync(request => request.Statement == "RETURN 1 AS a" ? FakeReply.Row(("a", 1)) : null);
        _http = new HttpClient { BaseAddress = _neo4j.Uri };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Neo4jTestServices.User}:{Neo4jTestServices.Password}")));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _neo4j.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string? json, string? contentType = "application/json")
    {
        var content = json is null ? null : new StringContent(json, Encoding.UTF8);
        if (content is not null) content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        return _http.PostAsync(path, content);
    }

    private static async Task<JsonObject> BodyOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<string> OpenAsync() => (await BodyOf(await PostAsync("db/neo4j/query/v2/tx", "{}")))["transaction"]!["id"]!.GetValue<string>();

    [Fact]
    public async Task Opening_with_an_empty_object_answers_202_with_the_transaction_and_no_affinity_header()
    {
        // Recorded: neo4j-5.26.31-083-post--db-dbmeta-query-v2-tx.json: 202 {"transaction":{"id":"b51af4","expires":"2026-09-27T14:35:43Z"}}
        var response = await PostAsync("db/neo4j/query/v2/tx", "{}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var transaction = (await BodyOf(response))["transaction"]!.AsObject();
        Assert.Equal(["id", "expires"], transaction.Select(p => p.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", transaction["expires"]!.GetValue<string>());
        Assert.False(response.Headers.Contains("neo4j-cluster-affinity"));
    }

    [Fact]
    public async Task A_commit_without_a_body_is_a_null_request_answered_500_and_the_transaction_is_gone()
    {
        var id = await OpenAsync();

        var commit = await PostAsync($"db/neo4j/query/v2/tx/{id}/commit", null);

        Assert.Equal(HttpStatusCode.InternalServerError, commit.StatusCode);
        Assert.Equal("Neo.DatabaseError.General.UnknownError", (await BodyOf(commit))["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync($"db/neo4j/query/v2/tx/{id}/commit", "{}")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task A_body_that_is_not_declared_JSON_is_refused_with_415(string? contentType)
    {
        var response = await PostAsync("db/neo4j/query/v2", """{"statement":"RETURN 1 AS a"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task JSON_that_does_not_parse_is_refused_with_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("db/neo4j/query/v2", """{"statement": """)).StatusCode);
    }

    [Fact]
    public async Task An_error_closes_the_transaction_so_its_commit_and_its_rollback_find_nothing()
    {
        var id = await OpenAsync();

        var failed = await PostAsync($"db/neo4j/query/v2/tx/{id}", """{"statement":"MATC (n) RETURN n"}""");
        var commit = await PostAsync($"db/neo4j/query/v2/tx/{id}/commit", "{}");
        var rollback = await _http.DeleteAsync($"db/neo4j/query/v2/tx/{id}");

        Assert.NotNull((await BodyOf(failed))["errors"]);
        Assert.Equal(HttpStatusCode.NotFound, commit.StatusCode);
        Assert.Contains("was not found", (await BodyOf(commit))["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, rollback.StatusCode);
        Assert.Empty(_neo4j.OpenTransactions);
    }

    [Fact]
    public async Task A_statement_then_an_empty_commit_commits_and_answers_bookmarks()
    {
        // Recorded: neo4j-2026.09.0-107-post--db-dbmeta-query-v2-tx-4282ae-commit.json: 202 {"data":…,"bookmarks":[…]}, no transaction
        var id = await OpenAsync();

        var run = await BodyOf(await PostAsync($"db/neo4j/query/v2/tx/{id}", """{"statement":"RETURN 1 AS a"}"""));
        var commit = await PostAsync($"db/neo4j/query/v2/tx/{id}/commit", "{}");

        Assert.Equal(id, run["transaction"]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        var body = await BodyOf(commit);
        Assert.NotNull(body["bookmarks"]);
        Assert.Null(body["transaction"]);
        Assert.Equal([id], _neo4j.Committed);
    }

    [Fact]
    public async Task An_idle_transaction_expires_and_is_then_not_found()
    {
        _neo4j.TransactionIdleTimeout = TimeSpan.FromMilliseconds(200);
        var id = await OpenAsync();
        await Task.Delay(400);

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync($"db/neo4j/query/v2/tx/{id}", """{"statement":"RETURN 1 AS a"}""")).StatusCode);
    }

    [Fact]
    public async Task Wrong_credentials_get_401_whatever_the_request()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("neo4j:wrong"u8.ToArray()));

        var response = await PostAsync("db/neo4j/query/v2", """{"statement":"RETURN 1 AS a"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Neo.ClientError.Security.Unauthorized", (await BodyOf(response))["errors"]![0]!["code"]!.GetValue<string>());
    }
}
