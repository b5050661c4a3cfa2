using System.Buffers;
using CareerGraph.Api.Documents;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>The requests one HTTP request carries: one, or a batch (a JSON array) run in order.</summary>
internal sealed record GraphQLRequests(IReadOnlyList<GraphQLRequest> Items, bool Batch);

/// <summary>
/// Reads GraphQL requests from a POST body (size-capped, one request or a batch of at most
/// CareerGraph:Limits:MaxBatchSize) or from GET query parameters, and fills in persisted queries.
/// </summary>
internal static class GraphQLRequestReader
{
    public static async ValueTask<(GraphQLRequests?, Problem?)> ReadAsync(HttpContext http)
    {
        var serializer = http.RequestServices.GetRequiredService<GraphQLJson>();
        var (requests, problem) = HttpMethods.IsPost(http.Request.Method)
            ? await ReadPostAsync(http, serializer, http.RequestServices.GetRequiredService<LimitOptions>())
            : ReadGet(http, serializer);
        if (problem is not null) return (null, problem);
        if (http.RequestServices.GetRequiredService<PersistedQueries>().Resolve(requests!.Items) is { } refusal)
            return (null, new Problem(refusal.Status, refusal.Code, refusal.Message));
        return (requests, null);
    }

    private static async ValueTask<(GraphQLRequests?, Problem?)> ReadPostAsync(HttpContext http, GraphQLJson serializer, LimitOptions limits)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(GraphQLNegotiation.Json, StringComparison.OrdinalIgnoreCase))
            return (null, new Problem(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"Send the request body as {GraphQLNegotiation.Json} ({{\"query\": \"…\", \"variables\": {{…}}}})."));

        var (body, length, incomplete) = await ReadBodyAsync(http, limits.MaxBodyBytes);
        if (incomplete is not null) return (null, incomplete);
        if (body is null)
            return (null, new Problem(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
                $"The request body is larger than {limits.MaxBodyBytes} bytes; send smaller requests (the limit is CareerGraph:Limits:MaxBodyBytes)."));

        GraphQLRequest?[] requests;
        bool batch;
        try
        {
            var json = body.AsSpan(0, length);
            if (json.StartsWith("\uFEFF"u8)) json = json[3..]; // a byte-order mark, which a reader of the body as a stream skips too
            batch = json.TrimStart(" \t\r\n"u8) is [(byte)'[', ..];
            requests = batch ? serializer.Read<GraphQLRequest?[]>(json) ?? [] : [serializer.Read<GraphQLRequest>(json)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the deserializer cannot read is a malformed request, never a server fault.
            return (null, new Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson,
                $"The body is not a GraphQL request in JSON{JsonProblems.Where(e)}: send an object {{\"query\": \"…\", \"variables\": {{…}}}} or an array of them."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        if (batch && requests.Length == 0)
            return (null, new Problem(StatusCodes.Status400BadRequest, ErrorCodes.QueryMissing, "The batch is an empty array: send at least one request."));
        if (batch && requests.Length > limits.MaxBatchSize)
            return (null, new Problem(StatusCodes.Status400BadRequest, ErrorCodes.BatchTooLarge,
                $"The batch holds {requests.Length} requests; the limit is {limits.MaxBatchSize} (CareerGraph:Limits:MaxBatchSize). Send them in smaller batches."));
        foreach (var request in requests)
            if (Validate(request) is (_, { } problem)) return (null, problem);
        return (new GraphQLRequests(requests!, batch), null);
    }

    /// <summary>
    /// The body in a pooled buffer the caller returns (its first <c>Length</c> bytes), or null when it is longer than the
    /// limit (counted as read, so a missing Content-Length does not help); or, when the client hung up before sending
    /// all of it, the problem to answer (if anyone still listens). A body with a Content-Length is read into a buffer
    /// of that size, without copying.
    /// </summary>
    private static async ValueTask<(byte[]? Body, int Length, Problem? Incomplete)> ReadBodyAsync(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit) return (null, 0, null);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(http.Request.ContentLength + 1 ?? 4096, 1, limit + 1));
        var length = 0;
        var handedOver = false;
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0)
            {
                length += read;
                if (length > limit) return (null, 0, null);
                if (length == buffer.Length) buffer = Grown(buffer, limit);
            }
            handedOver = true;
            return (buffer, length, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, 0, null);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException || (e is OperationCanceledException && http.RequestAborted.IsCancellationRequested))
        {
            // A closed tab, a proxy's timeout: the client's doing, not a fault of the service (no error log, no 5xx).
            // Kestrel answers a body that ended early (400); a connection that is gone is let go at once, for Kestrel
            // would otherwise try to read the rest of the body from it.
            if (e is not BadHttpRequestException) http.Abort();
            return (null, 0, ClientHungUp(http, length, e));
        }
        finally
        {
            if (!handedOver) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A pooled buffer twice as large (one byte over the limit at most, to tell a body over it), holding what the full one held.</summary>
    private static byte[] Grown(byte[] full, long limit)
    {
        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(full.Length * 2L, limit + 1));
        full.CopyTo(grown, 0);
        ArrayPool<byte>.Shared.Return(full);
        return grown;
    }

    /// <summary>Requests whose client hung up in the middle of the body, counted apart from the service's own faults.</summary>
    private static readonly System.Diagnostics.Metrics.Counter<long> IncompleteBodies = Hosting.Telemetry.Meter.CreateCounter<long>(
        "careergraph.http.incomplete_bodies", description: "Requests whose client hung up before sending the whole body.");

    private static Problem ClientHungUp(HttpContext http, long received, Exception e)
    {
        IncompleteBodies.Add(1);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLRequestReader))
            .LogInformation("Client {Client} hung up after {Received} of {Expected} body bytes had been read ({Reason})",
                http.Connection.RemoteIpAddress, received, http.Request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown", e.Message);
        return new Problem(StatusCodes.Status400BadRequest, ErrorCodes.IncompleteBody,
            "The request body ended before it was complete (the connection closed early); send the whole body, as its Content-Length says.");
    }

    private static (GraphQLRequests?, Problem?) ReadGet(HttpContext http, GraphQLJson serializer)
    {
        var query = http.Request.Query;
        try
        {
            var (request, problem) = Validate(new GraphQLRequest
            {
                Query = query["query"].FirstOrDefault(),
                OperationName = query["operationName"].FirstOrDefault() is { Length: > 0 } name ? name : null,
                Variables = query["variables"].FirstOrDefault() is { Length: > 0 } variables ? serializer.Deserialize<Inputs>(variables) : null,
                Extensions = query["extensions"].FirstOrDefault() is { Length: > 0 } extensions ? serializer.Deserialize<Inputs>(extensions) : null,
            });
            return (request is null ? null : new GraphQLRequests([request], Batch: false), problem);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidVariables,
                $"'variables' and 'extensions' must be JSON objects{JsonProblems.Where(e)}."));
        }
    }

    private static (GraphQLRequest?, Problem?) Validate(GraphQLRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Query) && !PersistedQueries.IsPersisted(request)
            ? (null, new Problem(StatusCodes.Status400BadRequest, ErrorCodes.QueryMissing, "The request has no 'query': send the GraphQL document as a string in 'query'."))
            : (request, null);
}
