using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CareerGraph.Tests.Api;

/// <summary>A graphql-transport-ws client as bare as the protocol: JSON messages in and out, and how the socket closed.</summary>
public sealed class GraphQLSocket : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private GraphQLSocket(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>How the server closed the socket, once a receive has seen it close.</summary>
    public (int Code, string Reason)? Closed => Socket.CloseStatus is { } status ? ((int)status, Socket.CloseStatusDescription ?? "") : null;

    public static async Task<GraphQLSocket> ConnectAsync(Uri server, string? origin = null, Action<ClientWebSocketOptions>? options = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        options?.Invoke(socket.Options);
        using var patience = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new UriBuilder(new Uri(server, "/graphql")) { Scheme = "ws" }.Uri, patience.Token);
        return new GraphQLSocket(socket);
    }

    /// <summary>Connects and goes through connection_init and connection_ack.</summary>
    public static async Task<GraphQLSocket> InitialisedAsync(Uri server, object? payload = null)
    {
        var socket = await ConnectAsync(server);
        await socket.SendAsync(new { type = "connection_init", payload });
        var ack = await socket.ReceiveAsync();
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
        return socket;
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var patience = new CancellationTokenSource(Patience);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, patience.Token);
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>The next message, or null when the server closed the socket (see <see cref="Closed"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var received = await Socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage) return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        }
    }

    /// <summary>Reads until the server closes the socket, and says how it closed.</summary>
    public async Task<(int Code, string Reason)> ClosedAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
        return Closed!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", patience.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }
        Socket.Dispose();
    }
}
