using System.Text.Json;
using CareerGraph.Api.Documents;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>
/// GraphQL over HTTP as the GraphQL-over-HTTP specification has it: POST with a JSON body or GET with
/// query parameters, application/graphql-response+json (or application/json when that is all the client
/// accepts), 4xx for requests that are not well-formed GraphQL requests, 405 for mutations over GET.
/// It also checks the credential sent (401 when it is not valid), caps the body (413), and runs a JSON
/// array of requests as a batch of at most CareerGraph:Limits:MaxBatchSize operations.
/// GraphQL.NET executes; this is only the transport, which no available package provides.
/// </summary>
public static class GraphQLHttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern)
    {
        // The schema in SDL, with descriptions: the same text as schema.graphql in the repository.
        endpoints.MapGet(pattern.TrimEnd('/') + "/schema.graphql", (global::GraphQL.Types.ISchema schema) =>
            Results.Text(PrintSchema(schema), "text/plain; charset=utf-8"));
        return endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], HandleAsync);
    }

    public static string PrintSchema(global::GraphQL.Types.ISchema schema) =>
        schema.Print(new global::GraphQL.Utilities.PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static async Task HandleAsync(HttpContext http)
    {
        if (await WebPages.TryServeGraphiQLAsync(http)) return;

        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var limits = http.RequestServices.GetRequiredService<LimitOptions>();
        var mediaType = ChooseMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, serializer, Json, StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"This endpoint answers with {GraphQLResponseJson} or {Json}; send an Accept header that allows one of them.");
            return;
        }

        // A credential that is sent must be valid, whatever the operation: a wrong key is never taken for no key.
        var caller = await http.AuthenticateAsync();
        if (caller.Failure is { } failure)
        {
            await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status401Unauthorized, AccessRule.Unauthenticated,
                CredentialProblems.Describe(failure));
            return;
        }
        if (caller.Succeeded) http.User = caller.Principal!;

        var (requests, batch, problem) = HttpMethods.IsPost(http.Request.Method)
            ? await ReadPostAsync(http, serializer, limits)
            : ReadGet(http, serializer);
        if (problem is not null)
        {
            await WriteErrorAsync(http, serializer, mediaType, problem.Value.Status, problem.Value.Code, problem.Value.Message);
            return;
        }
        if (http.RequestServices.GetRequiredService<PersistedQueries>().Resolve(requests!) is { } refusal)
        {
            await WriteErrorAsync(http, serializer, mediaType, refusal.Status, refusal.Code, refusal.Message);
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) && IsMutation(requests![0]))
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
                "Mutations change data and are only accepted over POST.");
            return;
        }

        if (batch)
        {
            var results = new List<ExecutionResult>(requests!.Count);
            foreach (var request in requests) results.Add(await ExecuteAsync(http, request));
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = $"{mediaType}; charset=utf-8";
            await serializer.WriteAsync(http.Response.Body, results, http.RequestAborted);
            return;
        }
        var result = await ExecuteAsync(http, requests![0]);
        await WriteAsync(http, serializer, mediaType, StatusOf(result, mediaType), result);
    }

    private static async Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request)
    {
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<global::GraphQL.Types.ISchema>>();
        var limits = http.RequestServices.GetRequiredService<LimitOptions>();
        return ErrorCap.Apply(await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = http.RequestAborted;
        }), limits.MaxErrors);
    }

    /// <summary>
    /// A document that could not be executed at all (syntax, validation, limits) is the client's error;
    /// a missing or insufficient credential is 401 or 403 whatever the media type.
    /// </summary>
    private static int StatusOf(ExecutionResult result, string mediaType)
    {
        if (result.Executed) return StatusCodes.Status200OK;
        var codes = result.Errors?.Select(e => e.Code).ToHashSet() ?? [];
        if (codes.Contains(AccessRule.Unauthenticated)) return StatusCodes.Status401Unauthorized;
        if (codes.Contains(AccessRule.Forbidden)) return StatusCodes.Status403Forbidden;
        return mediaType == GraphQLResponseJson ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
    }

    private static string? ChooseMediaType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0) return Json;
        var wanted = accept.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1).ToList();
        foreach (var type in wanted)
        {
            var value = type.MediaType.Value ?? "";
            if (value.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return GraphQLResponseJson;
            if (value.Equals(Json, StringComparison.OrdinalIgnoreCase)) return Json;
            if (value is "*/*" or "application/*") return GraphQLResponseJson;
        }
        return null;
    }

    private readonly record struct Problem(int Status, string Code, string Message);

    private static async Task<(IReadOnlyList<GraphQLRequest>?, bool Batch, Problem?)> ReadPostAsync(HttpContext http, IGraphQLTextSerializer serializer, LimitOptions limits)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
            return (null, false, new Problem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Send the request body as {Json} ({{\"query\": \"…\", \"variables\": {{…}}}})."));

        var body = await ReadBodyAsync(http, limits.MaxBodyBytes);
        if (body is null)
            return (null, false, new Problem(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE",
                $"The request body is larger than {limits.MaxBodyBytes} bytes; send smaller requests (the limit is CareerGraph:Limits:MaxBodyBytes)."));

        var batch = body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'[', ..];
        GraphQLRequest?[] requests;
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            requests = batch
                ? await serializer.ReadAsync<GraphQLRequest?[]>(stream, http.RequestAborted) ?? []
                : [await serializer.ReadAsync<GraphQLRequest>(stream, http.RequestAborted)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the deserializer cannot read is a malformed request, never a server fault.
            return (null, false, new Problem(StatusCodes.Status400BadRequest, "INVALID_JSON",
                $"The body is not a GraphQL request in JSON{JsonProblems.Where(e)}: send an object {{\"query\": \"…\", \"variables\": {{…}}}} or an array of them."));
        }

        if (batch && requests.Length == 0)
            return (null, true, new Problem(StatusCodes.Status400BadRequest, "QUERY_MISSING", "The batch is an empty array: send at least one request."));
        if (batch && requests.Length > limits.MaxBatchSize)
            return (null, true, new Problem(StatusCodes.Status400BadRequest, "BATCH_TOO_LARGE",
                $"The batch holds {requests.Length} requests; the limit is {limits.MaxBatchSize} (CareerGraph:Limits:MaxBatchSize). Send them in smaller batches."));
        foreach (var request in requests)
            if (Validate(request) is (_, { } problem)) return (null, batch, problem);
        return (requests!, batch, null);
    }

    /// <summary>The body, or null when it is longer than the limit (counted as read, so a missing Content-Length does not help).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static (IReadOnlyList<GraphQLRequest>?, bool Batch, Problem?) ReadGet(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var (request, problem) = ReadGetRequest(http, serializer);
        return (request is null ? null : [request], false, problem);
    }

    private static (GraphQLRequest?, Problem?) ReadGetRequest(HttpContext http, IGraphQLTextSerializer serializer)
    {
        var query = http.Request.Query;
        try
        {
            var request = new GraphQLRequest
            {
                Query = query["query"].FirstOrDefault(),
                OperationName = query["operationName"].FirstOrDefault() is { Length: > 0 } name ? name : null,
                Variables = query["variables"].FirstOrDefault() is { Length: > 0 } variables ? serializer.Deserialize<Inputs>(variables) : null,
                Extensions = query["extensions"].FirstOrDefault() is { Length: > 0 } extensions ? serializer.Deserialize<Inputs>(extensions) : null,
            };
            return Validate(request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, "INVALID_VARIABLES",
                $"'variables' and 'extensions' must be JSON objects{JsonProblems.Where(e)}."));
        }
    }


    private static (GraphQLRequest?, Problem?) Validate(GraphQLRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Query) && !PersistedQueries.IsPersisted(request)
            ? (null, new Problem(StatusCodes.Status400BadRequest, "QUERY_MISSING", "The request has no 'query': send the GraphQL document as a string in 'query'."))
            : (request, null);

    private static bool IsMutation(GraphQLRequest request)
    {
        try
        {
            var document = Parser.Parse(request.Query!);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var operation = request.OperationName is null
                ? operations.Count == 1 ? operations[0] : null
                : operations.FirstOrDefault(o => o.Name?.StringValue == request.OperationName);
            return operation?.Operation == OperationType.Mutation;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return false; // the executer reports the syntax error
        }
    }

    private static Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, int status, string code, string message)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return WriteAsync(http, serializer, mediaType, status, result);
    }

    private static async Task WriteAsync(HttpContext http, IGraphQLTextSerializer serializer, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        // Every 401 says how to authenticate, whichever step refused the caller.
        if (status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = $"Bearer, ApiKey header=\"{ApiKeyHandler.Header}\"";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
