using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareerGraph.Tests.Api;

/// <summary>One Server-Sent Event: its name ("next", "complete"; "" for a keep-alive comment) and its data.</summary>
public sealed record ServerSentEvent(string Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement.Clone();
}

/// <summary>
/// An open GraphQL-over-SSE stream read as the text/event-stream format has it (https://html.spec.whatwg.org/multipage/server-sent-events.html):
/// lines "event:" and "data:", an empty line ending each event, lines starting with ":" being comments.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpStatusCode Status => _response.StatusCode;
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public static async Task<EventStream> OpenAsync(HttpClient client, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, keep-alive comments included; null when the stream has ended.</summary>
    public async Task<ServerSentEvent?> ReadAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        string? name = null, data = null;
        while (await _reader.ReadLineAsync(patience.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data is not null) return new ServerSentEvent(name ?? "message", data ?? "");
                continue;
            }
            if (line.StartsWith(':')) return new ServerSentEvent("", line[1..]);
            if (line.StartsWith("event:")) name = line["event:".Length..].Trim();
            else if (line.StartsWith("data:")) data = (data is null ? "" : data + "\n") + line["data:".Length..].TrimStart();
        }
        return null;
    }

    /// <summary>The next event that is not a keep-alive comment.</summary>
    public async Task<ServerSentEvent?> NextEventAsync()
    {
        while (await ReadAsync() is { } message)
            if (message.Name.Length > 0) return message;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
