using CareerGraph.Api.Caching;
using CareerGraph.Api.Security;
using GraphQL;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>
/// GraphQL over HTTP as the GraphQL-over-HTTP specification has it: POST with a JSON body or GET with
/// query parameters, application/graphql-response+json (or application/json when that is all the client
/// accepts), 4xx for requests that are not well-formed GraphQL requests, 405 for mutations over GET.
/// A request goes through three steps: <see cref="GraphQLRequestReader"/> reads it (body, GET, batch, persisted
/// query), <see cref="GraphQLNegotiation"/> picks the answer's media type and status, <see cref="GraphQLExecution"/>
/// runs it. GraphQL.NET executes; this is only the transport, which no available package provides.
/// </summary>
internal static class GraphQLHttpEndpoint
{
    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder endpoints, string pattern)
    {
        endpoints.MapGet(pattern, WebPages.ServeGraphiQLAsync).WithMetadata(PageRequestPolicy.Page);
        endpoints.MapGet(pattern.TrimEnd('/') + "/schema.graphql", GetSchema);
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], HandleAsync);
        return endpoints;
    }

    /// <summary>
    /// The schema in SDL, with descriptions: the same text as schema.graphql in the repository. A request delegate, not
    /// a minimal-API handler: those are compiled by the first request, which would wait for it.
    /// </summary>
    private static Task GetSchema(HttpContext http)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(PrintSchema(http.RequestServices.GetRequiredService<GraphQL.Types.ISchema>()));
    }

    public static string PrintSchema(GraphQL.Types.ISchema schema) =>
        schema.Print(new GraphQL.Utilities.PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await GraphQLWebSocket.AcceptAsync(http);
            return;
        }

        // The same URL answers with the IDE when a browser asks for a page (PageRequestPolicy).
        if (HttpMethods.IsGet(http.Request.Method)) http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);

        // Refusals before an event stream starts are plain JSON with their HTTP status.
        if ((GraphQLNegotiation.ChooseMediaType(http.Request) ?? (GraphQLEventStream.IsWanted(http.Request) ? GraphQLNegotiation.Json : null)) is not { } mediaType)
        {
            await GraphQLNegotiation.WriteErrorAsync(http, GraphQLNegotiation.Json, GraphQLNegotiation.NotAcceptable);
            return;
        }

        // A credential that is sent must be valid, whatever the operation: a wrong key is never taken for no key.
        var caller = await http.AuthenticateCallerAsync();
        if (caller.Failure is { } failure)
        {
            await GraphQLNegotiation.WriteErrorAsync(http, mediaType,
                new Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, CredentialProblems.Describe(failure)));
            return;
        }
        if (caller.Succeeded) http.User = caller.Principal!;

        var (requests, problem) = await GraphQLRequestReader.ReadAsync(http);
        problem ??= GraphQLExecution.MethodRule(http.Request, requests!.Items[0]);
        var eventStream = problem is null && GraphQLEventStream.IsChosen(http.Request, requests!);
        problem ??= eventStream ? GraphQLEventStream.BatchRule(requests!) : GraphQLExecution.SubscriptionRule(http, requests!);
        if (problem is { } refused)
        {
            try
            {
                if (http.RequestAborted.IsCancellationRequested)
                    http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest; // for the log: nobody is left to read an answer
                else
                    await GraphQLNegotiation.WriteErrorAsync(http, mediaType, refused);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException && http.RequestAborted.IsCancellationRequested)
            {
                // the client left while the refusal was being written
            }
            return;
        }

        if (eventStream)
        {
            await GraphQLEventStream.RunAsync(http, requests!.Items[0]);
            return;
        }
        if (requests!.Batch)
        {
            var results = new List<ExecutionResult>(requests.Items.Count);
            foreach (var request in requests.Items) results.Add(await GraphQLExecution.ExecuteAsync(http, request));
            await GraphQLNegotiation.WriteAsync(http, mediaType, StatusCodes.Status200OK, results);
            return;
        }
        await http.RequestServices.GetRequiredService<ResponseCache>().ServeAsync(http, mediaType, requests.Items[0]);
    }
}
