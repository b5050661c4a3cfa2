using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// A stand-in for Neo4j 5.26's Query API: a real HTTP server on 127.0.0.1 (a free port) that records every request.
/// The protocol is the server's, written from its source (community/server/.../queryapi: QueryController,
/// QueryAPITransactionManager, the exception mappers) and the Query API docs, never from our client:
/// credentials are checked (401); POST bodies are read only as JSON (no or another Content-Type: 415; JSON that does not
/// parse: 400) and a request without a body reaches the server as a null request (500 UnknownError, and an explicit
/// transaction it named is closed); a transaction is opened without a statement, pushed on by every request, dropped
/// after <see cref="TransactionIdleTimeout"/> idle, and closed by any error, after which it is "not found" (404), also
/// to DELETE; a self-managed server sends no cluster-affinity header (set <see cref="ClusterAffinity"/> to act as Aura).
/// Only the answer to a statement comes from the script; the server wraps it (transaction info, bookmarks).
/// </summary>
public sealed class FakeQueryApi : IAsyncDisposable
{
    private const string AffinityHeader = "neo4j-cluster-affinity";
    private static readonly Regex Route = new(@"^/db/(?<db>[^/]+)/query/v2(?<tx>/tx(/(?<id>[^/]+)(?<commit>/commit)?)?)?$", RegexOptions.Compiled);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, OpenTransaction> _transactions = new();
    private readonly ConcurrentQueue<string> _committed = new();
    private readonly ConcurrentQueue<string> _rolledBack = new();
    private int _lastTransaction;

    private FakeQueryApi(WebApplication app, Func<RecordedRequest, FakeReply?> respond)
    {
        _app = app;
        Respond = respond;
    }

    /// <summary>The script: the answer to a request that carries a statement. May be changed while the server runs.</summary>
    public Func<RecordedRequest, FakeReply?> Respond { get; set; }

    /// <summary>A fault to inject into requests without a statement (open, keep-alive, commit): a reply, or null for the server's own.</summary>
    public Func<RecordedRequest, FakeReply?>? Intercept { get; set; }

    /// <summary>The Authorization header the server accepts; anything else gets 401.</summary>
    public string? AcceptedAuthorization { get; set; } =
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Neo4jTestServices.User}:{Neo4jTestServices.Password}"));

    /// <summary>A bearer token the server also accepts.</summary>
    public string? AcceptedToken { get; set; } = "sso-token";

    /// <summary>How long a transaction may stay idle (server.queryapi.transaction_idle_timeout; 5.26 answered 60 s).</summary>
    public TimeSpan TransactionIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The cluster member to name in the affinity header, as Aura and clusters do; null (self-managed) sends none.</summary>
    public string? ClusterAffinity { get; set; }

    public Uri Uri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Transactions the server still holds open (not committed, rolled back, failed or expired).</summary>
    public IReadOnlyCollection<string> OpenTransactions => [.. _transactions.Keys];

    public IReadOnlyList<string> Committed => [.. _committed];

    public IReadOnlyList<string> RolledBack => [.. _rolledBack];

    public void ClearRequests() => _requests.Clear();

    public static async Task<FakeQueryApi> StartAsync(Func<RecordedRequest, FakeReply?> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeQueryApi(app, respond);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Uri = new Uri(address);
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        // A client that gives up while the body is read still sent the request, as a real server would log it.
        string body;
        try { body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted); }
        catch (Exception e) when (e is IOException or OperationCanceledException) { body = ""; }
        JsonNode? json = null;
        var parses = true;
        try { json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body); }
        catch (JsonException) { parses = false; }
        var request = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "",
            http.Request.Headers.Authorization.FirstOrDefault(),
            http.Request.Headers[AffinityHeader].FirstOrDefault(),
            http.Request.Headers.Accept.FirstOrDefault(),
            http.Request.ContentType,
            body,
            json?["statement"]?.GetValue<string>(),
            json?["parameters"] as JsonObject);
        _requests.Enqueue(request);

        var reply = Answer(request, parses, json is not null);
        if (reply.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(reply.Delay, http.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        http.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) http.Response.Headers[name] = value;
        if (reply.Body.Length == 0) return;
        http.Response.ContentType = reply.ContentType;
        await http.Response.WriteAsync(reply.Body);
    }

    private FakeReply Answer(RecordedRequest request, bool parses, bool hasBody)
    {
        var route = Route.Match(request.Path);
        if (!route.Success) return new FakeReply(404, "");
        var id = route.Groups["id"].Success ? route.Groups["id"].Value : null;
        var isCommit = route.Groups["commit"].Success;
        if (request.Method == "DELETE" ? id is null || isCommit : request.Method != "POST") return new FakeReply(405, "");

        if (request.Authorization is not { } auth || (auth != AcceptedAuthorization && auth != $"Bearer {AcceptedToken}"))
            return FakeReply.Error(401, "Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure.");

        if (request.Method == "POST")
        {
            // JAX-RS @Consumes("application/json", typed JSON): a body of another type, or of no declared type, is refused
            // before the controller runs; a request with no body at all matches and reaches it as a null request.
            var json = request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                                           || type.StartsWith("application/vnd.neo4j.query", StringComparison.OrdinalIgnoreCase));
            if (!json && (request.ContentType is not null || request.Body.Length > 0)) return new FakeReply(415, "");
            if (!parses) return FakeReply.Error(400, "Neo.ClientError.Request.Invalid", "Bad Request");
        }

        OpenTransaction? transaction = null;
        if (id is not null)
        {
            transaction = Find(id);
            if (transaction is null)
                return FakeReply.Error(404, "Neo.ClientError.Request.Invalid",
                    $"Transaction with Id: \"{id}\" was not found. It may have timed out and therefore rolled back or the routing header '{AffinityHeader}' was not provided.");
            if (request.Method == "DELETE")
            {
                Close(id);
                _rolledBack.Enqueue(id);
                return Wrap(new FakeReply(200, """{"bookmarks":[]}"""), null);
            }
            if (!hasBody)
            {
                // QueryController hands the null request on; reading its statement fails, and the transaction is closed.
                Close(id);
                return FakeReply.Error(500, "Neo.DatabaseError.General.UnknownError", "An unknown error occurred.");
            }
        }
        else if (!hasBody && route.Groups["tx"].Success is false)
        {
            return FakeReply.Error(500, "Neo.DatabaseError.General.UnknownError", "An unknown error occurred.");
        }

        var scripted = request.Statement is null ? Intercept?.Invoke(request) : SafeRespond(request);
        if (request.Statement is null && scripted is null)
        {
            if (route.Groups["tx"].Success && id is null) return Wrap(FakeReply.Json(new JsonObject()), Open());          // begin
            if (isCommit) return Commit(transaction!, FakeReply.Json(new JsonObject()));                                // commit
            if (transaction is not null) return Wrap(FakeReply.Json(new JsonObject()), Touch(transaction));               // keep-alive
            return FakeReply.Error(400, "Neo.ClientError.Request.Invalid", "No statement given.");
        }
        var reply = scripted ?? FakeReply.Error(500, "Test.UnscriptedRequest", $"No script for {request}.");

        if (reply.IsError)
        {
            // Any error closes the explicit transaction the request ran in (QueryController's clean-up: CLOSE).
            if (transaction is not null) Close(transaction.Id);
            return reply;
        }
        if (route.Groups["tx"].Success && id is null) return Wrap(reply, Open());     // begin with a first statement
        if (isCommit) return Commit(transaction!, reply);
        return transaction is null ? Wrap(reply, null) : Wrap(reply, Touch(transaction));
    }

    private FakeReply? SafeRespond(RecordedRequest request)
    {
        try
        {
            return Respond(request);
        }
        catch (Exception e)
        {
            return FakeReply.Error(500, "Test.UnscriptedRequest", e.Message);
        }
    }

    private OpenTransaction Open()
    {
        var id = $"tx{Interlocked.Increment(ref _lastTransaction)}";
        var transaction = new OpenTransaction(id) { Expires = Expiry() };
        _transactions[id] = transaction;
        return transaction;
    }

    private OpenTransaction Touch(OpenTransaction transaction)
    {
        transaction.Expires = Expiry();
        return transaction;
    }

    private FakeReply Commit(OpenTransaction transaction, FakeReply reply)
    {
        Close(transaction.Id);
        _committed.Enqueue(transaction.Id);
        var body = JsonNode.Parse(reply.Body)!.AsObject();
        body["bookmarks"] = new JsonArray("FB:fake-" + transaction.Id);
        return reply with { Body = body.ToJsonString() };
    }

    /// <summary>The transaction, unless it was never opened, is closed, or has been idle past its expiry (then it is dropped).</summary>
    private OpenTransaction? Find(string id)
    {
        if (!_transactions.TryGetValue(id, out var transaction)) return null;
        if (DateTimeOffset.UtcNow <= transaction.Expires) return transaction;
        Close(id);
        return null;
    }

    private void Close(string id) => _transactions.TryRemove(id, out _);

    private DateTimeOffset Expiry() => DateTimeOffset.UtcNow.Add(TransactionIdleTimeout);

    /// <summary>The server's additions: the transaction's id and expiry (seconds, UTC), and the affinity header where there is one.</summary>
    private FakeReply Wrap(FakeReply reply, OpenTransaction? transaction)
    {
        var headers = new Dictionary<string, string>(reply.Headers ?? new Dictionary<string, string>());
        if (ClusterAffinity is not null) headers[AffinityHeader] = ClusterAffinity;
        if (transaction is null) return reply with { Headers = headers };
        var body = JsonNode.Parse(reply.Body)!.AsObject();
        body.Remove("bookmarks");
        body["transaction"] = new JsonObject { ["id"] = transaction.Id, ["expires"] = transaction.Expires.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) };
        return reply with { Body = body.ToJsonString(), Headers = headers };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class OpenTransaction(string id)
    {
        public string Id { get; } = id;
        public DateTimeOffset Expires { get; set; }
    }
}

/// <summary>A request the fake received: where it went, its headers, and the statement and parameters it carried.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string? Authorization, string? Affinity, string? Accept, string? ContentType,
    string Body, string? Statement, JsonObject? Parameters)
{
    /// <summary>The graph/ file whose text is exactly the statement sent, e.g. "graph/queries/nodes-by-id.cypher".</summary>
    public string? StatementFile => Statement is null ? null : CypherFilesOnDisk.FileWithText(Statement);

    /// <summary>The statement's file name without folder and extension, e.g. "nodes-by-id".</summary>
    public string? StatementName => StatementFile is { } file ? System.IO.Path.GetFileNameWithoutExtension(file) : null;

    public T? Parameter<T>(string name) => Parameters![name].Deserialize<T>();

    public override string ToString() => $"{Method} {Path} {StatementName ?? Statement?.Split('\n').FirstOrDefault()}";
}

/// <summary>An answer of the fake: status, JSON body, headers, and an optional delay before answering.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default, string ContentType = "application/json")
{
    /// <summary>Whether the server reports an error: a status other than 2xx, or "errors" in the body (202 after partial data).</summary>
    public bool IsError => Status is < 200 or >= 300 || (Body.Length > 0 && Body.TrimStart().StartsWith('{') && JsonNode.Parse(Body)?["errors"] is not null);

    /// <summary>A table of results, as the Query API returns it for a statement (202 Accepted).</summary>
    public static FakeReply Rows(string[] fields, params object?[][] rows) =>
        new(202, JsonSerializer.Serialize(new { data = new { fields, values = rows }, bookmarks = new[] { "FB:fake" } }));

    /// <summary>One row of results.</summary>
    public static FakeReply Row(params (string Field, object? Value)[] values) =>
        Rows([.. values.Select(v => v.Field)], [.. values.Select(v => v.Value)]);

    public static FakeReply Empty() => Rows([]);

    public static FakeReply Json(JsonObject body) => new(202, body.ToJsonString());

    public static FakeReply Error(int status, string code, string message) =>
        new(status, JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));

    /// <summary>
    /// Rows sent, then a failure while streaming the rest: the server has already answered 202, so the errors follow
    /// the partial data in the same body.
    /// </summary>
    public static FakeReply FailedAfter(string[] fields, object?[][] rows, string code, string message) =>
        new(202, JsonSerializer.Serialize(new { data = new { fields, values = rows }, errors = new[] { new { code, message } } }));
}

/// <summary>The Cypher files of graph/ as they are on disk, to compare statements sent with the files they come from.</summary>
public static class CypherFilesOnDisk
{
    private static readonly Lazy<Dictionary<string, string>> ByText = new(() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "graph"), "*.cypher", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules"))
            .ToDictionary(f => File.ReadAllText(f).Replace("\r\n", "\n"), f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/')));

    public static string? FileWithText(string text) => ByText.Value.GetValueOrDefault(text);

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath)).Replace("\r\n", "\n");
}
