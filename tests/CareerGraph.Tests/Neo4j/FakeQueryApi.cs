using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// A stand-in for Neo4j's Query API: a real HTTP server on 127.0.0.1 (a free port) that records every request
/// and answers from a script, in the documented JSON ({"data": {"fields", "values"}} or {"errors": [...]}).
/// </summary>
public sealed class FakeQueryApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeQueryApi(WebApplication app, Func<RecordedRequest, FakeReply> respond)
    {
        _app = app;
        Respond = respond;
    }

    /// <summary>The script: how to answer a request. May be changed while the server runs.</summary>
    public Func<RecordedRequest, FakeReply> Respond { get; set; }

    public Uri Uri { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void ClearRequests() => _requests.Clear();

    public static async Task<FakeQueryApi> StartAsync(Func<RecordedRequest, FakeReply> respond)
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
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var json = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        var request = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "",
            http.Request.Headers.Authorization.FirstOrDefault(),
            http.Request.Headers["neo4j-cluster-affinity"].FirstOrDefault(),
            http.Request.Headers.Accept.FirstOrDefault(),
            http.Request.ContentType,
            body,
            json?["statement"]?.GetValue<string>(),
            json?["parameters"] as JsonObject);
        _requests.Enqueue(request);

        FakeReply reply;
        try
        {
            reply = Respond(request);
        }
        catch (Exception e)
        {
            reply = FakeReply.Error(500, "Test.UnscriptedRequest", e.Message);
        }
        if (reply.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(reply.Delay, http.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        http.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) http.Response.Headers[name] = value;
        http.Response.ContentType = reply.ContentType;
        await http.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
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
    /// <summary>A table of results, as the Query API returns it (202 Accepted).</summary>
    public static FakeReply Rows(string[] fields, params object?[][] rows) =>
        new(202, JsonSerializer.Serialize(new { data = new { fields, values = rows }, bookmarks = new[] { "FB:fake" } }));

    /// <summary>One row of results.</summary>
    public static FakeReply Row(params (string Field, object? Value)[] values) =>
        Rows([.. values.Select(v => v.Field)], [.. values.Select(v => v.Value)]);

    public static FakeReply Empty() => Rows([]);

    /// <summary>Results of a statement in an explicit transaction: the table and the transaction it belongs to.</summary>
    public static FakeReply InTransaction(string id, string[] fields, params object?[][] rows) =>
        new(202, JsonSerializer.Serialize(new
        {
            data = new { fields, values = rows },
            bookmarks = Array.Empty<string>(),
            transaction = new { id, expires = "2030-01-01T00:00:00Z" },
        }), new Dictionary<string, string> { ["neo4j-cluster-affinity"] = "member-1" });

    public static FakeReply Error(int status, string code, string message) =>
        new(status, JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));
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
