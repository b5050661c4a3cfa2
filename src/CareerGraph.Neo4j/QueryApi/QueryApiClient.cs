using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareerGraph.Neo4j.Cypher;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CareerGraph.Neo4j.QueryApi;

/// <summary>
/// Runs Cypher statements through Neo4j's Query API (POST /db/{database}/query/v2, explicit transactions under /tx),
/// with plain JSON results. Failures become <see cref="Neo4jException"/>s that say what to check.
/// </summary>
internal sealed class QueryApiClient(IHttpClientFactory httpClients, IOptions<Neo4jOptions> options)
{
    public const string HttpClientName = "CareerGraph.Neo4j";
    public const string AffinityHeader = "neo4j-cluster-affinity";

    private static readonly HttpRequestOptionsKey<bool> RepeatableKey = new("CareerGraph.Neo4j.Repeatable");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private Neo4jOptions Settings => options.Value;
    private string QueryPath => $"db/{Uri.EscapeDataString(Settings.Database)}/query/v2";

    /// <summary>Whether a request may be sent again after a transient failure without changing its effect.</summary>
    public static bool IsRepeatable(HttpRequestMessage request) => request.Options.TryGetValue(RepeatableKey, out var repeatable) && repeatable;

    /// <summary>Runs a statement in a transaction of its own. Only for reads and idempotent statements: it may be sent again.</summary>
    public async Task<QueryResult> RunAsync(CypherStatement statement, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var (response, _) = await SendAsync(HttpMethod.Post, QueryPath, statement, parameters, repeatable: true, affinity: null, cancellationToken);
        return new QueryResult(response.Data);
    }

    /// <summary>Opens an explicit transaction with its first statement (opening is safe to repeat: an unused transaction expires).</summary>
    public async Task<QueryApiTransaction> BeginAsync(CypherStatement first, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var (response, affinity) = await SendAsync(HttpMethod.Post, QueryPath + "/tx", first, parameters, repeatable: true, affinity: null, cancellationToken);
        var id = response.Transaction?.Id
            ?? throw new Neo4jException("CareerGraph.UnexpectedResult", $"Neo4j at {Settings.Uri} opened no transaction for {first.Name} (the response has no transaction id); is it Neo4j 5.25 or later?");
        return new QueryApiTransaction(this, $"{QueryPath}/tx/{Uri.EscapeDataString(id)}", affinity, new QueryResult(response.Data));
    }

    internal async Task<(QueryResponse Response, string? Affinity)> SendAsync(
        HttpMethod method, string path, CypherStatement? statement, object? parameters, bool repeatable, string? affinity, CancellationToken cancellationToken)
    {
        var what = statement?.Name ?? $"{method} {path}";
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(RepeatableKey, repeatable);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = Authorization();
        if (affinity is not null) request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        if (statement is not null)
        {
            // Bytes rather than a stream, so that a retried request can send the same body again.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new QueryRequest(statement.Text, parameters ?? new { }), QueryApiJson.Options));
            request.Content.Headers.ContentType = Json;
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jUnavailableException($"Neo4j at {Settings.Uri} cannot be reached ({e.Message}) while running {what}. Check {Neo4jOptions.Section}:Uri and that Neo4j is running.", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new Neo4jUnavailableException($"Neo4j at {Settings.Uri} did not answer {what} within {Settings.AttemptTimeout.TotalSeconds:0.#} s. Check that it is running and not overloaded, or raise {Neo4jOptions.Section}:AttemptTimeout.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jUnavailableException($"Neo4j at {Settings.Uri} did not answer {what} in time.", e);
        }

        using (response)
        {
            var body = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var error = body?.Errors?.FirstOrDefault();
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                throw new Neo4jAuthenticationException(error?.Code ?? "Neo.ClientError.Security.Unauthorized",
                    $"Neo4j at {Settings.Uri} refused the credentials{(error is null ? "" : $" ({error.Message})")}. " +
                    $"Set {Neo4jOptions.Section}:User and {Neo4jOptions.Section}:Password (or {Neo4jOptions.Section}:Token) to an account of that server.");
            if (error is not null)
                throw new Neo4jException(error.Code, $"Neo4j refused {what}: {error.Code}: {error.Message}");
            if (!response.IsSuccessStatusCode || body is null)
                throw new Neo4jUnavailableException(
                    $"Neo4j at {Settings.Uri} answered {what} with HTTP {(int)response.StatusCode} {response.ReasonPhrase} and no Query API result. " +
                    $"Check that {Neo4jOptions.Section}:Uri is Neo4j's HTTP address (5.25 or later) and that the database '{Settings.Database}' exists.");
            var nextAffinity = response.Headers.TryGetValues(AffinityHeader, out var values) ? values.FirstOrDefault() : affinity;
            return (body, nextAffinity);
        }
    }

    /// <summary>The body as a Query API response; null when it is not one (e.g. a proxy's error page).</summary>
    internal static QueryResponse? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new QueryResponse(null, null, null, null);
        try
        {
            return JsonSerializer.Deserialize<QueryResponse>(text, QueryApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private AuthenticationHeaderValue? Authorization()
    {
        var settings = Settings;
        if (!string.IsNullOrEmpty(settings.Token)) return new AuthenticationHeaderValue("Bearer", settings.Token);
        if (string.IsNullOrEmpty(settings.User)) return null;
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}")));
    }
}
