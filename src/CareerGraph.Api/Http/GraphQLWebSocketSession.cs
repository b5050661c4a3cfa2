using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CareerGraph.Api.Live;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CareerGraph.Api.Http;

/// <summary>
/// One accepted socket speaking graphql-transport-ws: connection_init (credentials in its payload) and
/// connection_ack, ping and pong, and operations (subscribe, then next, error or complete) for queries and mutations
/// as well as graphChanged. Every operation runs as an HTTP request would (<see cref="GraphQLExecution"/>, in a
/// service scope of its own), under the same limits as the event stream; protocol misuse closes the socket with the
/// protocol's close code.
/// </summary>
internal sealed class GraphQLWebSocketSession
{
    // Close codes of the protocol (graphql-ws's CloseCode), and the WebSocket standard's for the rest.
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int InitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
    public const int InternalServerError = 4500;
    public const int Normal = (int)WebSocketCloseStatus.NormalClosure;
    public const int GoingAway = (int)WebSocketCloseStatus.EndpointUnavailable;
    public const int TooSlow = (int)WebSocketCloseStatus.PolicyViolation;
    public const int MessageTooBig = (int)WebSocketCloseStatus.MessageTooBig;

    /// <summary>How long a client has to answer our close frame before the socket is aborted.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private readonly bool _speaksProtocol;
    private readonly SubscriptionLimitOptions _limits;
    private readonly long _maxMessageBytes;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly ILogger _log;
    private readonly Channel<byte[]> _outbox;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Operation> _operations = [];
    private readonly List<Task> _running = [];
    private readonly Timer _idle;
    private ClaimsPrincipal _user;
    private bool _initReceived;
    private bool _acknowledged;
    private volatile Closing? _close;

    public GraphQLWebSocketSession(HttpContext http, WebSocket socket, bool speaksProtocol)
    {
        _http = http;
        _socket = socket;
        _speaksProtocol = speaksProtocol;
        var limits = http.RequestServices.GetRequiredService<LimitOptions>();
        _limits = limits.Subscriptions;
        _maxMessageBytes = limits.MaxBodyBytes;
        _serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        _log = http.RequestServices.GetRequiredService<ILogger<GraphQLWebSocketSession>>();
        _user = http.User;
        // The messages waiting for a client: one that stops reading until this many wait is dropped, never buffered without bound.
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(_limits.BufferedEvents) { SingleReader = true });
        _idle = new Timer(_ => OnIdle(), null, Timeout.Infinite, Timeout.Infinite);
    }

    private string Client => _http.Connection.RemoteIpAddress?.ToString() ?? "local";

    public async Task RunAsync()
    {
        var stopping = _http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var onStopping = stopping.Register(() => Close(GoingAway, "The service is stopping; connect again in a moment."));
        var writing = WriteAsync();
        if (!_speaksProtocol) Close(SubprotocolNotAcceptable, $"Subprotocol not acceptable: this endpoint speaks {GraphQLWebSocket.Subprotocol}.");

        var initTimeout = TimeSpan.FromSeconds(_limits.ConnectionInitSeconds);
        using var initTimer = new Timer(_ => { if (!Volatile.Read(ref _initReceived)) Close(InitialisationTimeout, "Connection initialisation timeout"); }, null, initTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await ReceiveAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // the client went away, or did not answer our close in time
        }
        catch (Exception e)
        {
            _log.LogError(e, "GraphQL over WebSocket failed");
            Close(InternalServerError, "Internal server error");
        }
        finally
        {
            Close(Normal, "");
            await _idle.DisposeAsync();
            Task[] running;
            Operation[] open;
            lock (_lock)
            {
                open = [.. _operations.Values];
                _operations.Clear();
                running = [.. _running];
            }
            foreach (var operation in open) operation.Stop();
            await Task.WhenAll(running);
            await writing;
            _abort.Dispose();
        }
    }

    /// <summary>Reads messages until the client closes, or until it answers our close.</summary>
    private async Task ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var received = await _socket.ReceiveAsync(buffer, _abort.Token);
            if (received.MessageType == WebSocketMessageType.Close) return;
            if (message.Length + received.Count > _maxMessageBytes)
            {
                Close(MessageTooBig, $"Message too big: the limit is {_maxMessageBytes} bytes (CareerGraph:Limits:MaxBodyBytes).");
                message.SetLength(0);
                continue;
            }
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;

            var bytes = message.ToArray();
            message.SetLength(0);
            if (_close is not null) continue; // closing: only the client's close frame matters now
            if (received.MessageType == WebSocketMessageType.Binary)
            {
                Close(BadRequest, "Invalid message received: messages are JSON text.");
                continue;
            }
            RestartIdleTimer();
            await HandleAsync(bytes);
        }
    }

    private async Task HandleAsync(byte[] bytes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            Close(BadRequest, "Invalid message received: not JSON.");
            return;
        }
        using (document)
        {
            var message = document.RootElement;
            var type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var payload = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("payload", out var p) ? p : default;
            var id = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            switch (type)
            {
                case "connection_init" when IsObjectOrAbsent(payload):
                    await InitialiseAsync(payload);
                    return;
                case "ping" when IsObjectOrAbsent(payload):
                    Send(payload.ValueKind == JsonValueKind.Object ? $$"""{"type":"pong","payload":{{payload.GetRawText()}}}""" : """{"type":"pong"}""");
                    return;
                case "pong" when IsObjectOrAbsent(payload):
                    return;
                case "subscribe" when id is { Length: > 0 } && ReadRequest(payload) is { } request:
                    Subscribe(id, request);
                    return;
                case "complete" when id is { Length: > 0 }:
                    Operation? ended;
                    lock (_lock)
                        if (_operations.Remove(id, out ended)) ended.Ended = true; // no message for it after this one
                    ended?.Stop();
                    return;
                default:
                    Close(BadRequest, type is "connection_init" or "ping" or "pong" or "subscribe" or "complete"
                        ? $"Invalid message received: '{type}' is malformed (id, payload)."
                        : $"Invalid message received: unknown type '{type}'.");
                    return;
            }
        }
    }

    private static bool IsObjectOrAbsent(JsonElement payload) => payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object;

    /// <summary>A subscribe message's payload as a GraphQL request, or null when it is not one (query is required).</summary>
    private GraphQLRequest? ReadRequest(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
            return null;
        try
        {
            return _serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Checks the credentials in the payload as HTTP checks its headers; without any, the upgrade request's caller stays.</summary>
    private async Task InitialiseAsync(JsonElement payload)
    {
        if (_initReceived)
        {
            Close(TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        Volatile.Write(ref _initReceived, true);

        var (apiKey, authorization) = (Credential(payload, "apiKey", ApiKeyHandler.Header), Credential(payload, "authorization"));
        if (apiKey is not null || authorization is not null)
        {
            // The same authentication schemes as a request with these headers: a request of its own, in a scope of its own.
            await using var scope = _http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var request = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            if (apiKey is not null) request.Request.Headers[ApiKeyHandler.Header] = apiKey;
            if (authorization is not null) request.Request.Headers.Authorization = authorization;
            var caller = await request.AuthenticateCallerAsync();
            if (caller.Failure is { } failure)
            {
                // The key handler speaks of headers; here the key came in the payload.
                Close(Forbidden, "Forbidden: " + (failure is AuthenticationFailureException && apiKey is not null
                    ? "the apiKey in connection_init is not a key this service knows (CareerGraph:Auth:ApiKeys)."
                    : CredentialProblems.Describe(failure)));
                return;
            }
            if (caller.Succeeded) _user = caller.Principal!;
        }
        if (_http.RequestServices.GetRequiredService<AuthOptions>().RequireForReads && !_user.IsAuthenticated())
        {
            Close(Forbidden, "Forbidden: this service answers only callers with a credential: put apiKey or authorization in connection_init's payload.");
            return;
        }
        _acknowledged = true;
        Send("""{"type":"connection_ack"}""");
        RestartIdleTimer();
    }

    /// <summary>A string credential under one of the names, in any letter case; credentials of another JSON type are ignored as unreadable.</summary>
    private static string? Credential(JsonElement payload, params string[] names)
    {
        if (payload.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in payload.EnumerateObject())
            if (names.Any(name => property.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) && property.Value.ValueKind == JsonValueKind.String)
                return property.Value.GetString();
        return null;
    }

    private void Subscribe(string id, GraphQLRequest request)
    {
        if (!_acknowledged)
        {
            Close(Unauthorized, "Unauthorized");
            return;
        }
        var operation = new Operation(this, id, request);
        lock (_lock)
        {
            if (!_operations.TryAdd(id, operation))
            {
                Close(SubscriberAlreadyExists, $"Subscriber for {id} already exists");
                return;
            }
        }
        // Refusals (rate, subscription slots) are decided here, in the order the operations came.
        if (!operation.Admit()) return;
        lock (_lock)
        {
            _running.Add(operation.RunAsync());
            _running.RemoveAll(task => task.IsCompleted);
        }
    }

    /// <summary>Queues a message for the client; a client that lets BufferedEvents messages wait is not reading, and is dropped.</summary>
    private void Send(string json)
    {
        if (!_outbox.Writer.TryWrite(Encoding.UTF8.GetBytes(json)) && _close is null)
        {
            _log.LogInformation("GraphQL over WebSocket: client {Client} let {Count} messages wait and was dropped", Client, _limits.BufferedEvents);
            Close(TooSlow, $"Too slow: {_limits.BufferedEvents} messages waited for this client. Connect again, and resubscribe with afterSequence.");
        }
    }

    /// <summary>
    /// Sends what waits, one message at a time, then the close frame. A normal close (idle, or the client's) comes after
    /// what was queued before it, such as the "complete" of the subscription whose end left the socket idle; a close for a
    /// fault or a client too slow to read sends only the close frame.
    /// </summary>
    private async Task WriteAsync()
    {
        try
        {
            await foreach (var bytes in _outbox.Reader.ReadAllAsync(_abort.Token))
            {
                if (_close is { Code: not Normal }) break;
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
            }
            if (_close is { } close && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, _abort.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client is gone, or did not take our close in time
        }
    }

    /// <summary>Closes the socket with a code and a reason (the first close asked for wins); aborts it when the client does not answer in time.</summary>
    private void Close(int code, string reason)
    {
        lock (_lock)
        {
            if (_close is not null) return;
            _close = new Closing(code, Truncate(reason));
        }
        if (code != Normal) _log.LogDebug("GraphQL over WebSocket: closing {Client}'s socket with {Code} {Reason}", Client, code, reason);
        _outbox.Writer.TryComplete();
        try
        {
            _abort.CancelAfter(CloseGrace);
        }
        catch (ObjectDisposedException)
        {
            // the session has ended
        }
    }

    /// <summary>A close reason is at most 123 bytes of UTF-8.</summary>
    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= 123) return reason;
        var cut = reason[..120];
        while (Encoding.UTF8.GetByteCount(cut + "…") > 123) cut = cut[..^1];
        return cut + "…";
    }

    /// <summary>A socket that runs nothing and hears nothing for IdleSeconds is closed, as an idle event stream completes.</summary>
    private void RestartIdleTimer()
    {
        try
        {
            _idle.Change(TimeSpan.FromSeconds(_limits.IdleSeconds), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void OnIdle()
    {
        bool busy;
        lock (_lock) busy = _operations.Count > 0;
        if (busy) RestartIdleTimer();
        else Close(Normal, $"Idle for {_limits.IdleSeconds} s; connect again when needed.");
    }

    private string ErrorsOf(ExecutionResult result) => JsonNode.Parse(_serializer.Serialize(result))?["errors"]?.ToJsonString() ?? "[]";

    private static ExecutionResult Refusal(string code, string message)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return result;
    }

    private sealed record Closing(int Code, string Reason);

    /// <summary>One subscribe message: runs as its own request, and ends with complete, error, or the client's complete.</summary>
    private sealed class Operation(GraphQLWebSocketSession session, string id, GraphQLRequest request) : IObserver<ExecutionResult>
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly string _idJson = JsonSerializer.Serialize(id);
        private Timer? _idle;
        private IDisposable? _slot;

        /// <summary>Set under the session's lock: nothing more is sent for this id.</summary>
        public bool Ended { get; set; }

        public void Stop()
        {
            _slot?.Dispose(); // at once: the client may subscribe again right after its complete
            _ended.TrySetResult();
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>Whether the operation may run: it counts against the client's rate limit, and a subscription needs a slot.</summary>
        public bool Admit()
        {
            // Each operation counts as one request against the client's rate limit, as it would over HTTP.
            var services = session._http.RequestServices;
            var limiter = services.GetService<IOptions<RateLimiterOptions>>()?.Value.GlobalLimiter;
            using (var lease = limiter?.AttemptAcquire(session._http))
            {
                if (lease is { IsAcquired: false })
                {
                    Error(Refusal(ErrorCodes.RateLimited, "Too many requests from this client: wait a moment before sending more operations (CareerGraph:Limits:RateLimit)."));
                    return false;
                }
            }
            if (GraphQLExecution.OperationOf(request) != OperationType.Subscription) return true;
            // The same slots as event streams: a client's subscriptions count together, however they came.
            _slot = services.GetRequiredService<SubscriptionSlots>().TryTake(session.Client);
            if (_slot is not null) return true;
            var limits = session._limits;
            Error(Refusal(ErrorCodes.TooManySubscriptions,
                $"This client already holds {limits.PerClient} subscriptions, or the service {limits.Total}: complete one before starting another (CareerGraph:Limits:Subscriptions)."));
            return false;
        }

        public async Task RunAsync()
        {
            await Task.Yield(); // the receive loop goes on reading (pings, completes) while this runs
            IDisposable? subscription = null;
            await using var scope = session._http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            try
            {
                // The operation as a request of its own: its own services (loaders cache per request), the socket's caller.
                var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = session._user, RequestAborted = _stop.Token };
                context.Connection.RemoteIpAddress = session._http.Connection.RemoteIpAddress;
                var result = await GraphQLExecution.ExecuteAsync(context, request);
                if (!result.Executed)
                {
                    Error(result);
                    return;
                }
                if (result.Streams is not { Count: > 0 } streams)
                {
                    Next(result);
                    Complete();
                    return;
                }
                _idle = new Timer(_ => Complete(), null, TimeSpan.FromSeconds(session._limits.IdleSeconds), Timeout.InfiniteTimeSpan);
                subscription = streams.Values.Single().Subscribe(this);
                await _ended.Task;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // the client completed the operation, or the socket closed
            }
            catch (Exception e)
            {
                session._log.LogError(e, "GraphQL over WebSocket: operation {Id} failed", id);
                Error(Refusal(ErrorCodes.InternalServerError, "The operation failed."));
            }
            finally
            {
                lock (session._lock)
                {
                    Ended = true;
                    if (session._operations.TryGetValue(id, out var current) && current == this) session._operations.Remove(id);
                }
                subscription?.Dispose();
                if (_idle is not null) await _idle.DisposeAsync();
                _slot?.Dispose();
                _stop.Dispose();
                session.RestartIdleTimer();
            }
        }

        public void OnNext(ExecutionResult value)
        {
            try
            {
                _idle?.Change(TimeSpan.FromSeconds(session._limits.IdleSeconds), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // the operation has ended
            }
            Next(value);
        }

        public void OnError(Exception error) =>
            Error(Refusal(error is ExecutionError { Code: { } code } ? code : ErrorCodes.InternalServerError,
                error is ExecutionError ? error.Message : "The subscription failed."));

        public void OnCompleted() => Complete();

        private void Next(ExecutionResult result) =>
            Send($$"""{"id":{{_idJson}},"type":"next","payload":{{session._serializer.Serialize(result)}}}""", last: false);

        private void Error(ExecutionResult result) =>
            Send($$"""{"id":{{_idJson}},"type":"error","payload":{{session.ErrorsOf(result)}}}""", last: true);

        private void Complete() => Send($$"""{"id":{{_idJson}},"type":"complete"}""", last: true);

        /// <summary>
        /// Sends unless the operation has ended; the last message frees the id first, so that a client may reuse it as
        /// soon as it reads that message.
        /// </summary>
        private void Send(string json, bool last)
        {
            lock (session._lock)
            {
                if (Ended) return;
                if (last)
                {
                    _slot?.Dispose(); // before the client hears of the end, so that it may subscribe again at once
                    Ended = true;
                    if (session._operations.TryGetValue(id, out var current) && current == this) session._operations.Remove(id);
                }
                session.Send(json);
            }
            if (last) _ended.TrySetResult();
        }
    }
}
