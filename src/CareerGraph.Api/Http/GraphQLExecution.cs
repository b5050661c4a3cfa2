using CareerGraph.Api.Documents;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser;
using GraphQLParser.AST;

namespace CareerGraph.Api.Http;

/// <summary>Running a well-formed request with GraphQL.NET, and the one rule HTTP adds to it (no mutation over GET).</summary>
internal static class GraphQLExecution
{
    public static async Task<ExecutionResult> ExecuteAsync(HttpContext http, GraphQLRequest request)
    {
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<GraphQL.Types.ISchema>>();
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

    /// <summary>Mutations change data and are refused over GET (405, with Allow: POST).</summary>
    public static Problem? MethodRule(HttpRequest request, GraphQLRequest graphQL)
    {
        if (!HttpMethods.IsGet(request.Method) || !IsMutation(request.HttpContext, graphQL)) return null;
        request.HttpContext.Response.Headers.Allow = HttpMethods.Post;
        return new Problem(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed, "Mutations change data and are only accepted over POST.");
    }

    /// <summary>A subscription answers a stream of results: over plain JSON it is refused (406), saying how to ask for the stream.</summary>
    public static Problem? SubscriptionRule(HttpContext http, GraphQLRequests requests) =>
        IsAnySubscription(requests, http.RequestServices.GetService<ParsedDocumentCache>())
            ? new Problem(StatusCodes.Status406NotAcceptable, ErrorCodes.EventStreamRequired,
                $"Subscriptions answer with a stream of events: send the request with Accept: {GraphQLEventStream.MediaType} (GraphQL over Server-Sent Events, as the graphql-sse client does).")
            : null;

    private static bool IsMutation(HttpContext http, GraphQLRequest request) =>
        OperationOf(request, http.RequestServices.GetService<ParsedDocumentCache>()) == OperationType.Mutation;

    private static bool IsAnySubscription(GraphQLRequests requests, ParsedDocumentCache? documents)
    {
        foreach (var request in requests.Items)
            if (OperationOf(request, documents) == OperationType.Subscription) return true;
        return false;
    }

    /// <summary>The kind of the operation the request runs, or null when the document cannot say (the executer reports why).</summary>
    public static OperationType? OperationOf(GraphQLRequest request, ParsedDocumentCache? documents = null)
    {
        if (request.Query is null) return null;
        try
        {
            // A document that ran before is kept parsed: it is not parsed a second time only to tell its kind.
            var document = documents is not null && documents.TryGet(request.Query, out var cached) ? cached : Parser.Parse(request.Query);
            GraphQLOperationDefinition? operation = null;
            foreach (var definition in document.Definitions)
            {
                if (definition is not GraphQLOperationDefinition candidate) continue;
                if (request.OperationName is null)
                {
                    if (operation is not null) return null; // more than one, and none named: the executer says so
                    operation = candidate;
                }
                else if (candidate.Name?.StringValue == request.OperationName)
                {
                    operation = candidate;
                    break;
                }
            }
            return operation?.Operation;
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null; // the executer reports the syntax error
        }
    }
}
