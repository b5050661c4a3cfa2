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
    private static readonly HttpRequestOptionsKey<bool> InTransactionKey = new("CareerGraph.Neo4j.InTransaction");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private Neo4jOptions Settings => options.Value;
    private string QueryPath => $"db/{Uri.EscapeDataString(Settings.Database)}/query/v2";

    /// <summary>Whether a request may be sent again after a transient failure without changing its effect.</summary>
    public static bool IsRepeatable(HttpRequestMessage request) => request.Options.TryGetValue(RepeatableKey, out var repeatable) && repeatable;

    /// <summary>Whether a request belongs to an explicit transaction, whose writes may take longer than a read.</summary>
    public static bool IsInTransaction(HttpRequestMessage request) => request.Options.TryGetValue(InTransactionKey, out var inTransaction) && inTransaction;

    /// <summary>Runs a statement in a transaction of its own. Only for reads and idempotent statements: it may be sent again.</summary>
    public async Task<QueryResult> RunAsync(CypherStatement statement, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var (response, _) = await SendAsync(HttpMethod.Post, QueryPath, statement, parameters, repeatable: true, affinity: null, cancellationToken);
        return new QueryResult(response.Data);
    }

    /// <summary>
    /// Opens an explicit transaction, then runs its first statement in it. Opening sends no statement, so it takes no lock
    /// and may be repeated (an unused transaction expires); the first statement, which may take a lock, is sent once.
    /// </summary>
    public async Task<QueryApiTransaction> BeginAsync(CypherStatement first, object? parameters = null, CancellationToken cancellationToken = default)
    {
        var (response, affinity) = await SendAsync(HttpMethod.Post, QueryPath + "/tx", null, null, repeatable: true, affinity: null, cancellationToken);
        var opened = response.Transaction
            ?? throw new Neo4jException("CareerGraph.UnexpectedResult", $"Neo4j at {Settings.Uri} opened no transaction (the response has no transaction id); is it Neo4j {Neo4jVersion.Minimum} or later?");
        var transaction = new QueryApiTransaction(this, $"{QueryPath}/tx/{Uri.EscapeDataString(opened.Id)}", affinity, opened.Expires, Settings.Uri);
        try
        {
            await transaction.RunFirstAsync(first, parameters, cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    internal async Task<(QueryResponse Response, string? Affinity)> SendAsync(
        HttpMethod method, string path, CypherStatement? statement, object? parameters, bool repeatable, string? affinity, CancellationToken cancellationToken)
    {
        var what = statement?.Name ?? $"{method} {path}";
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(RepeatableKey, repeatable);
        request.Options.Set(InTransactionKey, path.Contains("/tx", StringComparison.Ordinal));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = Authorization();
        if (affinity is not null) request.Headers.TryAddWithoutValidation(AffinityHeader, affinity);
        if (method == HttpMethod.Post)
        {
            // The server reads bodies only as JSON, and a commit or keep-alive without one reaches it as a null request
            // (500), so every POST carries a JSON body: {} when there is no statement. Bytes rather than a stream, so that
            // a retried request can send the same body again.
            var body = statement is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(new QueryRequest(statement.Text, parameters ?? new { }), QueryApiJson.Options);
            request.Content = new ByteArrayContent(body);
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
            var (limit, setting) = path.Contains("/tx", StringComparison.Ordinal) ? (Settings.TransactionTimeout, "TransactionTimeout") : (Settings.AttemptTimeout, "AttemptTimeout");
            throw new Neo4jUnavailableException($"Neo4j at {Settings.Uri} did not answer {what} within {limit.TotalSeconds:0.#} s. Check that it is running and not overloaded, or raise {Neo4jOptions.Section}:{setting}.", e);
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
                    $"Check that {Neo4jOptions.Section}:Uri is Neo4j's HTTP address ({Neo4jVersion.Minimum} or later) and that the database '{Settings.Database}' exists.");
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
