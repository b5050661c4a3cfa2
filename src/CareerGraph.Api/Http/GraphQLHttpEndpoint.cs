using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>
/// GraphQL over HTTP as the GraphQL-over-HTTP specification has it: POST with a JSON body or GET with
/// query parameters, application/graphql-response+json (or application/json when that is all the client
/// accepts), 4xx for requests that are not well-formed GraphQL requests, 405 for mutations over GET.
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
        var mediaType = ChooseMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, serializer, Json, StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"This endpoint answers with {GraphQLResponseJson} or {Json}; send an Accept header that allows one of them.");
            return;
        }

        var (request, problem) = HttpMethods.IsPost(http.Request.Method)
            ? await ReadPostAsync(http, serializer)
            : ReadGet(http, serializer);
        if (problem is not null)
        {
            await WriteErrorAsync(http, serializer, mediaType, problem.Value.Status, problem.Value.Code, problem.Value.Message);
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) && IsMutation(request!))
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            await WriteErrorAsync(http, serializer, mediaType, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
                "Mutations change data and are only accepted over POST.");
            return;
        }

        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<global::GraphQL.Types.ISchema>>();
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request!.Query;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            options.User = http.User;
            options.CancellationToken = http.RequestAborted;
        });

        // A document that could not be executed at all (syntax, validation) is the client's error.
        var status = mediaType == GraphQLResponseJson && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(http, serializer, mediaType, status, result);
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

    private static async Task<(GraphQLRequest?, Problem?)> ReadPostAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
            return (null, new Problem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Send the request body as {Json} ({{\"query\": \"…\", \"variables\": {{…}}}})."));

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or GraphQLParser.Exceptions.GraphQLParserException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, "INVALID_JSON",
                $"The body is not a GraphQL request in JSON: {e.Message.Split(Environment.NewLine)[0]}"));
        }
        return Validate(request);
    }

    private static (GraphQLRequest?, Problem?) ReadGet(HttpContext http, IGraphQLTextSerializer serializer)
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
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, "INVALID_VARIABLES",
                $"'variables' and 'extensions' must be JSON objects: {e.Message.Split(Environment.NewLine)[0]}"));
        }
    }

    private static (GraphQLRequest?, Problem?) Validate(GraphQLRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Query)
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
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
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
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
