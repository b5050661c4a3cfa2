using System.Text;
using System.Threading.Channels;
using CareerGraph.Api.Live;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CareerGraph.Api.Http;

/// <summary>
/// GraphQL over Server-Sent Events, the "distinct connections" mode of graphql-sse
/// (https://github.com/enisdenjo/graphql-sse/blob/master/PROTOCOL.md): the request is a GraphQL-over-HTTP request
/// with Accept: text/event-stream; every result is a "next" event with the result as JSON, the last event is
/// "complete". Errors found before execution (validation, access, limits) come the same way, as the protocol asks.
/// A stream ends when the client leaves, the service stops, it has been idle too long, or its client stops reading.
/// </summary>
internal static class GraphQLEventStream
{
    public const string MediaType = "text/event-stream";

    private static readonly byte[] KeepAlive = ":\n\n"u8.ToArray();
    private static readonly byte[] Complete = "event: complete\ndata: \n\n"u8.ToArray();

    /// <summary>
    /// Whether to answer with an event stream: the client accepts one, and asks for a subscription or accepts nothing
    /// else. Clients such as urql list text/event-stream among JSON types for every request; their queries get JSON.
    /// </summary>
    public static bool IsChosen(HttpRequest request, GraphQLRequests requests) =>
        IsWanted(request)
        && (GraphQLNegotiation.ChooseMediaType(request) is null
            || requests.Items.Any(item => GraphQLExecution.OperationOf(item) == GraphQLParser.AST.OperationType.Subscription));

    /// <summary>Whether the client accepts an event stream.</summary>
    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept?.Any(a => a.Quality is null or > 0 && a.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>One stream carries one operation.</summary>
    public static Problem? BatchRule(GraphQLRequests requests) =>
        requests.Batch
            ? new Problem(StatusCodes.Status400BadRequest, ErrorCodes.BatchTooLarge, "An event stream carries one operation: send the requests one by one, each on its own stream.")
            : null;

    public static async Task RunAsync(HttpContext http, GraphQLRequest request)
    {
        var services = http.RequestServices;
        var limits = services.GetRequiredService<LimitOptions>().Subscriptions;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        http.Response.ContentType = $"{MediaType}; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // proxies such as nginx would hold events back
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var slot = GraphQLExecution.OperationOf(request) == GraphQLParser.AST.OperationType.Subscription
            ? services.GetRequiredService<SubscriptionSlots>().TryTake(http.Connection.RemoteIpAddress?.ToString() ?? "local")
            : NoSlotNeeded.Instance;
        if (slot is null)
        {
            var refused = new ExecutionResult { Executed = false };
            refused.AddError(new ExecutionError(
                $"This client already holds {limits.PerClient} subscriptions, or the service {limits.Total}: close one before opening another "
                + "(CareerGraph:Limits:Subscriptions).")
            { Code = ErrorCodes.TooManySubscriptions });
            await WriteNextAsync(http, refused, http.RequestAborted);
            await WriteAsync(http, Complete, http.RequestAborted);
            return;
        }

        var result = await GraphQLExecution.ExecuteAsync(http, request);
        if (result.Streams is not { Count: > 0 } streams)
        {
            await WriteNextAsync(http, result, http.RequestAborted);
            await WriteAsync(http, Complete, http.RequestAborted);
            return;
        }

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var outbox = Channel.CreateBounded<ExecutionResult>(new BoundedChannelOptions(limits.BufferedEvents) { SingleReader = true });
        using var subscription = streams.Values.Single().Subscribe(new Outbox(outbox.Writer, ending));
        try
        {
            await StreamAsync(http, outbox.Reader, limits, ending.Token);
            await WriteAsync(http, Complete, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client left, or stopped reading (then it is dropped), or the service stops (then it hears so).
            if (stopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
                await WriteAsync(http, Complete, http.RequestAborted);
            else if (!http.RequestAborted.IsCancellationRequested) http.Abort();
        }
    }

    /// <summary>Sends results as they come, a keep-alive comment when quiet, until the stream completes or has been idle too long.</summary>
    private static async Task StreamAsync(HttpContext http, ChannelReader<ExecutionResult> results, SubscriptionLimitOptions limits, CancellationToken token)
    {
        await http.Response.StartAsync(token);
        await WriteAsync(http, KeepAlive, token); // headers and a first byte, so that the client knows it is subscribed
        var keepAlive = TimeSpan.FromSeconds(limits.KeepAliveSeconds);
        var idle = TimeSpan.FromSeconds(limits.IdleSeconds);
        var lastEvent = DateTimeOffset.UtcNow;
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(token);
            quiet.CancelAfter(keepAlive < idle ? keepAlive : idle);
            try
            {
                if (!await results.WaitToReadAsync(quiet.Token)) return;
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                if (DateTimeOffset.UtcNow - lastEvent >= idle) return;
                await WriteAsync(http, KeepAlive, token);
                continue;
            }
            while (results.TryRead(out var result)) await WriteNextAsync(http, result, token);
            lastEvent = DateTimeOffset.UtcNow;
        }
    }

    private static Task WriteNextAsync(HttpContext http, ExecutionResult result, CancellationToken token)
    {
        var json = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>().Serialize(result);
        return WriteAsync(http, Encoding.UTF8.GetBytes($"event: next\ndata: {json}\n\n"), token);
    }

    private static async Task WriteAsync(HttpContext http, byte[] bytes, CancellationToken token)
    {
        await http.Response.Body.WriteAsync(bytes, token);
        await http.Response.Body.FlushAsync(token);
    }

    /// <summary>
    /// Hands results to the writing loop without waiting: when BufferedEvents results already wait, the client is not
    /// reading, and its stream is ended rather than buffered without bound.
    /// </summary>
    private sealed class Outbox(ChannelWriter<ExecutionResult> writer, CancellationTokenSource drop) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (!writer.TryWrite(value)) Drop();
        }

        public void OnError(Exception error)
        {
            var result = new ExecutionResult { Executed = false };
            result.AddError(error as ExecutionError ?? new ExecutionError("The subscription failed.") { Code = ErrorCodes.InternalServerError });
            if (writer.TryWrite(result)) writer.TryComplete();
            else Drop();
        }

        public void OnCompleted() => writer.TryComplete();

        private void Drop()
        {
            try
            {
                drop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the stream has already ended
            }
        }
    }

    private sealed class NoSlotNeeded : IDisposable
    {
        public static readonly NoSlotNeeded Instance = new();
        public void Dispose() { }
    }
}
