using CareerGraph.Api.Documents;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace CareerGraph.Api.Http;

/// <summary>Running a well-formed request with GraphQL.NET, and the one rule HTTP adds to it (no mutation over GET).</summary>
internal static class GraphQLExecution
{
    public static async ValueTask<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request)
    {
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<GraphQL.Types.ISchema>>();
        var limits = http.RequestServices.GetRequiredService<LimitOptions>();
        return ErrorCap.Apply(await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            // A document the rules below parsed to tell its operation's kind is not parsed a second time.
            options.Document = ParsedFor(http, request);
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = http.RequestServices;
            // The caller the endpoint authenticated, or none: HttpContext.User would make an empty principal per request.
            options.User = http.Features.Get<IHttpAuthenticationFeature>()?.User;
            options.CancellationToken = http.RequestAborted;
        }), limits.MaxErrors);
    }

    /// <summary>Mutations change data and are refused over GET (405, with Allow: POST).</summary>
    public static Problem? MethodRule(HttpRequest request, GraphQLRequest graphQL)
    {
        if (!HttpMethods.IsGet(request.Method) || !IsMutation(request.HttpContext, graphQL)) return null;
        request.HttpContext.Response.Headers.Allow = HttpMethods.Post;
        return new Problem(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "Mutations change data and are only accepted over POST.");
    }

    /// <summary>A subscription answers a stream of results: over plain JSON it is refused (406), saying how to ask for the stream.</summary>
    public static Problem? SubscriptionRule(HttpContext http, GraphQLRequests requests) =>
        requests.Items.Any(request => OperationOf(http, request) == OperationType.Subscription)
            ? new Problem(StatusCodes.Status406NotAcceptable, ErrorCodes.EventStreamRequired,
                $"Subscriptions answer with a stream of events: send the request with Accept: {GraphQLEventStream.MediaType} (GraphQL over Server-Sent Events, as the graphql-sse client does).")
            : null;

    private static bool IsMutation(HttpContext http, GraphQLRequest request) => OperationOf(http, request) == OperationType.Mutation;

    /// <summary>
    /// The kind of an HTTP request's operation. A document that ran before is kept parsed; one that did not is parsed
    /// as the executer parses it, and kept for the request, so that <see cref="ExecuteAsync"/> hands it to the executer.
    /// </summary>
    private static OperationType? OperationOf(HttpContext http, GraphQLRequest request)
    {
        if (request.Query is not { } query) return null;
        if (http.RequestServices.GetService<ParsedDocumentCache>() is { } documents && documents.TryGet(query, out var cached)) return OperationOf(cached, request.OperationName);
        GraphQLDocument document;
        try
        {
            document = http.RequestServices.GetRequiredService<IDocumentBuilder>().Build(query);
        }
        catch (Exception e) when (e is GraphQLParser.Exceptions.GraphQLParserException or ExecutionError)
        {
            return null; // the executer reports the error
        }
        if (http.Items[ParsedKey] is not Dictionary<GraphQLRequest, GraphQLDocument> parsed) http.Items[ParsedKey] = parsed = new(ReferenceEqualityComparer.Instance);
        parsed[request] = document;
        return OperationOf(document, request.OperationName);
    }

    private static readonly object ParsedKey = new();

    private static GraphQLDocument? ParsedFor(HttpContext http, GraphQLRequest request) =>
        http.Items.TryGetValue(ParsedKey, out var parsed) && ((Dictionary<GraphQLRequest, GraphQLDocument>)parsed!).Remove(request, out var document) ? document : null;

    /// <summary>The kind of the operation the request runs, or null when the document cannot say (the executer reports why).</summary>
    public static OperationType? OperationOf(GraphQLRequest request)
    {
        if (request.Query is null) return null;
        try
        {
            return OperationOf(Parser.Parse(request.Query), request.OperationName);
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null; // the executer reports the syntax error
        }
    }

    private static OperationType? OperationOf(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? operation = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition candidate) continue;
            if (operationName is null)
            {
                if (operation is not null) return null; // more than one, and none named: the executer says so
                operation = candidate;
            }
            else if (candidate.Name?.StringValue == operationName)
            {
                operation = candidate;
                break;
            }
        }
        return operation?.Operation;
    }
}
