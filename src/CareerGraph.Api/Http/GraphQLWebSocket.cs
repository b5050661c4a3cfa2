using CareerGraph.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CareerGraph.Api.Http;

/// <summary>
/// GraphQL over WebSocket on /graphql: the graphql-transport-ws protocol of graphql-ws
/// (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), which Apollo Client's GraphQLWsLink and urql's
/// subscriptionExchange speak. This file decides whether a WebSocket upgrade is accepted at all (Origin, credentials
/// in headers); <see cref="GraphQLWebSocketSession"/> speaks the protocol on an accepted socket.
/// </summary>
internal static class GraphQLWebSocket
{
    public const string Subprotocol = "graphql-transport-ws";

    public static async Task AcceptAsync(HttpContext http)
    {
        // Browsers send cookies and open sockets to any site without asking CORS: only the service's own pages and the
        // configured origins may open one, so that a page elsewhere cannot act with a visitor's browser (cross-site WebSocket hijacking).
        if (await OriginProblemAsync(http) is { } refusedOrigin)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLWebSocket))
                .LogInformation("WebSocket from origin {Origin} refused: it is neither this service nor in {Section}:AllowedOrigins", http.Request.Headers.Origin.ToString(), WebPages.CorsSection);
            await GraphQLNegotiation.WriteErrorAsync(http, GraphQLNegotiation.Json, refusedOrigin);
            return;
        }

        // Clients that can set headers may send credentials with the upgrade; as over HTTP, a wrong one is never taken for none.
        var caller = await http.AuthenticateCallerAsync();
        if (caller.Failure is { } failure)
        {
            await GraphQLNegotiation.WriteErrorAsync(http, GraphQLNegotiation.Json,
                new Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, CredentialProblems.Describe(failure)));
            return;
        }
        if (caller.Succeeded) http.User = caller.Principal!;

        var limits = http.RequestServices.GetRequiredService<LimitOptions>();
        var speaksProtocol = http.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = speaksProtocol ? Subprotocol : null,
            // WebSocket pings: a client that does not answer within the timeout is gone, and its socket is aborted.
            KeepAliveInterval = TimeSpan.FromSeconds(limits.Subscriptions.KeepAliveSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(limits.Subscriptions.KeepAliveSeconds * 2),
        });
        await new GraphQLWebSocketSession(http, socket, speaksProtocol).RunAsync();
    }

    /// <summary>Null when the request has no Origin (not a browser), comes from this service's own origin, or from a configured one.</summary>
    private static async Task<Problem?> OriginProblemAsync(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return null;
        if (origin.Equals($"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase)) return null;
        var policy = await http.RequestServices.GetRequiredService<ICorsPolicyProvider>().GetPolicyAsync(http, policyName: null);
        if (policy?.IsOriginAllowed(origin) == true) return null;
        return new Problem(StatusCodes.Status403Forbidden, ErrorCodes.OriginNotAllowed,
            $"WebSockets from pages at {origin} are not accepted: only this service's own pages and the origins in {WebPages.CorsSection}:AllowedOrigins may open one.");
    }
}
