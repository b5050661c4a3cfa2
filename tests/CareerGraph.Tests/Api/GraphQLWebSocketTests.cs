using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Tests.Contract;
using CareerGraph.Tests.Curation;

namespace CareerGraph.Tests.Api;

/// <summary>
/// GraphQL over WebSocket (graphql-transport-ws) against the service on a real loopback socket: the subscription
/// limits it shares with the event stream, the request limits and credential rules, and the Origin check.
/// The protocol itself (every close code) is tested with the real graphql-ws and Apollo clients in tests/clients.
/// </summary>
public sealed class GraphQLWebSocketTests
{
    private const string Changes = "subscription { graphChanged { sequence summary } }";

    /// <summary>From the start of the audit trail: whenever the service gets to it, the subscription misses nothing.</summary>
    private const string AllChanges = "subscription { graphChanged(afterSequence: 0) { sequence summary } }";

    private static CurationService Service(params (string Key, string Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => (string?)s.Value), kestrel: true);

    private static async Task ChangeAsync(CurationService service, string careerId, string description) =>
        await service.Store.ApplyAsync(new ChangeSet("key:test", [new PatchNode(careerId, NodeKind.Career, new NodePatch { Description = new(description) })]));

    private static string? TypeOf(JsonElement? message) => message?.GetProperty("type").GetString();

    private static string? IdOf(JsonElement? message) => message?.GetProperty("id").GetString();

    private static string FirstCodeOf(JsonElement? error)
    {
        Assert.Equal("error", TypeOf(error));
        return error!.Value.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString()!;
    }

    /// <summary>Subscribing has no answer of its own: a query sent after it and answered tells that the service has read it.</summary>
    private static async Task<List<JsonElement>> RoundTripAsync(GraphQLSocket socket, string id = "probe")
    {
        await socket.SubscribeAsync(id, "{ stats { careers } }");
        var before = new List<JsonElement>();
        while (await socket.ReceiveAsync() is { } message)
        {
            if (IdOf(message) == id && TypeOf(message) == "complete") return before;
            if (IdOf(message) != id) before.Add(message);
        }
        throw new InvalidOperationException("The socket closed during the round trip.");
    }

    [Fact]
    public async Task PerClient_counts_subscriptions_over_sockets_and_event_streams_together_and_a_completed_one_is_given_back()
    {
        using var service = Service(("CareerGraph:Limits:Subscriptions:PerClient", "2"));
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        await socket.SubscribeAsync("a", AllChanges);
        await socket.SubscribeAsync("b", AllChanges);
        await socket.SubscribeAsync("c", AllChanges);
        var refused = Assert.Single(await RoundTripAsync(socket));
        Assert.Equal("c", IdOf(refused));
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", FirstCodeOf(refused));

        // The event stream asks the same counter for a slot.
        using (var client = service.CreateClient())
        {
            await using var stream = await EventStream.OpenAsync(client, Changes);
            var message = await stream.NextEventAsync();
            Assert.Equal("TOO_MANY_SUBSCRIPTIONS", message!.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        }

        await socket.SendAsync(new { id = "a", type = "complete" });
        await socket.SubscribeAsync("d", AllChanges);
        Assert.Empty(await RoundTripAsync(socket)); // d is accepted: no error for it
        await ChangeAsync(service, "mlops-engineer", "Seen by b and d.");
        var ids = new[] { await socket.ReceiveAsync(), await socket.ReceiveAsync() };
        Assert.All(ids, message => Assert.Equal("next", TypeOf(message)));
        Assert.Equal(["b", "d"], ids.Select(IdOf).Order());
    }

    [Fact]
    public async Task Total_counts_every_client_s_subscriptions()
    {
        using var service = Service(("CareerGraph:Limits:Subscriptions:Total", "1"));
        await using var first = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        await first.SubscribeAsync("1", Changes);
        Assert.Empty(await RoundTripAsync(first));

        await using var second = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        await second.SubscribeAsync("1", Changes);
        Assert.Equal("TOO_MANY_SUBSCRIPTIONS", FirstCodeOf(await second.ReceiveAsync()));
    }

    [Fact]
    public async Task A_subscription_idle_for_IdleSeconds_completes_then_the_idle_socket_closes_normally()
    {
        using var service = Service(("CareerGraph:Limits:Subscriptions:IdleSeconds", "1"));
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        await socket.SubscribeAsync("quiet", Changes);

        var complete = await socket.ReceiveAsync();
        Assert.Equal("complete", TypeOf(complete));
        Assert.Equal("quiet", IdOf(complete));
        var (code, reason) = await socket.ClosedAsync();
        Assert.Equal(1000, code);
        Assert.StartsWith("Idle", reason);
    }

    [Fact]
    public async Task A_subscription_that_cannot_keep_up_with_the_feed_is_ended_with_a_code()
    {
        // Twenty subscriptions on one socket: every change is sent twenty times, so delivery falls behind the writes
        // however busy the machine is (with one, a slow machine's writes can be slower than its delivery).
        const int subscriptions = 20;
        using var service = Service(("CareerGraph:Limits:Subscriptions:BufferedEvents", "16"), ("CareerGraph:Limits:Subscriptions:PerClient", $"{subscriptions}"));
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        for (var i = 0; i < subscriptions; i++)
            await socket.SubscribeAsync($"firehose-{i}", "subscription { graphChanged { sequence operation nodeIds kinds summary at } }");
        Assert.Empty(await RoundTripAsync(socket));

        // Thousands of changes at once, none read meanwhile: far more than the 16 the service holds for one subscription.
        const int changes = 2000;
        var careers = ContractGraph.Document.Nodes.OfType<Career>().Select(c => c.Id).ToList();
        for (var i = 0; i < changes; i++) await ChangeAsync(service, careers[i % careers.Count], $"Version {i}.");

        // Whichever fills first: the subscription's inbox (SUBSCRIBER_TOO_SLOW or REPLAY_TOO_LONG, the socket stays) or the socket's outbox (dropped).
        var received = 0;
        try
        {
            JsonElement? last;
            while (TypeOf(last = await socket.ReceiveAsync()) == "next") received++;
            if (last is null)
                Assert.Equal(1008, socket.Closed?.Code);
            else // its inbox filled, or it fell further behind than the feed keeps to replay: either way it is told why
                Assert.Contains(FirstCodeOf(last), new[] { "SUBSCRIBER_TOO_SLOW", "REPLAY_TOO_LONG" });
        }
        catch (WebSocketException)
        {
            // dropped, and so late read that the service had aborted the socket rather than wait for its close
        }
        Assert.InRange(received, 0, subscriptions * changes - 1);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_rather_than_buffered_without_bound()
    {
        using var service = Service(("CareerGraph:Limits:Subscriptions:BufferedEvents", "8"));
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);

        // Many large answers asked for, none read: far more than the socket's buffers and the 8 messages the service holds.
        const int queries = 600;
        const string large = "{ careers(first: 100) { edges { node { id name description skills { importance skill { id name description } } } } } }";
        for (var i = 0; i < queries; i++) await socket.SubscribeAsync($"q{i}", large);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var answered = 0;
        try
        {
            while (await socket.ReceiveAsync() is { } message)
                if (TypeOf(message) == "next") answered++;
            Assert.Equal(1008, socket.Closed?.Code); // policy violation, the reason saying what to do
            Assert.StartsWith("Too slow", socket.Closed?.Reason);
        }
        catch (WebSocketException)
        {
            // the client came back to read so late that the service had aborted the socket rather than wait for its close
        }
        Assert.InRange(answered, 0, queries - 1);
    }

    [Fact]
    public async Task Documents_meet_the_request_limits_and_a_message_over_MaxBodyBytes_closes_the_socket()
    {
        using var service = Service(("CareerGraph:Limits:MaxDepth", "2"), ("CareerGraph:Limits:MaxBodyBytes", "2048"));
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        await socket.SubscribeAsync("deep", "{ career(id: \"mlops-engineer\") { skills { skill { name } } } }");
        Assert.Equal("QUERY_TOO_DEEP", FirstCodeOf(await socket.ReceiveAsync()));

        await socket.SubscribeAsync("long", "{ stats { careers } }" + new string(' ', 4096));
        var (code, reason) = await socket.ClosedAsync();
        Assert.Equal(1009, code);
        Assert.Contains("MaxBodyBytes", reason);
    }

    [Fact]
    public async Task When_reads_need_a_credential_connection_init_must_carry_one_and_actor_stays_for_curators()
    {
        using var service = Service(("CareerGraph:Auth:RequireForReads", "true"));

        await using (var anonymous = await GraphQLSocket.ConnectAsync(service.ServerAddress))
        {
            await anonymous.SendAsync(new { type = "connection_init" });
            Assert.Equal(4403, (await anonymous.ClosedAsync()).Code);
        }

        await using (var curator = await GraphQLSocket.InitialisedAsync(service.ServerAddress, new { apiKey = CurationService.CuratorKey }))
        {
            await curator.SubscribeAsync("1", "{ stats { careers } }");
            var next = await curator.ReceiveAsync();
            Assert.Equal("next", TypeOf(next));
            Assert.True(next!.Value.GetProperty("payload").GetProperty("data").GetProperty("stats").GetProperty("careers").GetInt32() > 0);
        }

        var reader = CurationService.Token("reader");
        await using (var tokenHolder = await GraphQLSocket.InitialisedAsync(service.ServerAddress, new { authorization = $"Bearer {reader}" }))
        {
            await tokenHolder.SubscribeAsync("actor", "subscription { graphChanged { actor } }");
            Assert.Equal("FORBIDDEN", FirstCodeOf(await tokenHolder.ReceiveAsync()));
            await tokenHolder.SubscribeAsync("write", "mutation { deleteCareer(id: \"mlops-engineer\") { deletedId } }");
            Assert.Equal("FORBIDDEN", FirstCodeOf(await tokenHolder.ReceiveAsync()));
        }

        await using var expired = await GraphQLSocket.ConnectAsync(service.ServerAddress);
        await expired.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + CurationService.Token("late", lifetime: TimeSpan.FromMinutes(-5)) } });
        var (code, reason) = await expired.ClosedAsync();
        Assert.Equal(4403, code);
        Assert.Contains("expired", reason);
    }

    [Fact]
    public async Task Each_query_on_a_socket_reads_the_graph_as_it_is_then()
    {
        // A connection lives long: what one operation loaded must not answer the next one after a write.
        using var service = Service();
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        const string query = """{ career(id: "mlops-engineer") { description } }""";
        async Task<string?> DescriptionAsync(string id)
        {
            await socket.SubscribeAsync(id, query);
            var next = await socket.ReceiveAsync();
            Assert.Equal("next", TypeOf(next));
            Assert.Equal("complete", TypeOf(await socket.ReceiveAsync()));
            return next!.Value.GetProperty("payload").GetProperty("data").GetProperty("career").GetProperty("description").GetString();
        }

        var before = await DescriptionAsync("before");
        await ChangeAsync(service, "mlops-engineer", "Runs the models others train.");
        Assert.NotEqual("Runs the models others train.", before);
        Assert.Equal("Runs the models others train.", await DescriptionAsync("after"));
    }

    [Fact]
    public async Task A_wrong_key_in_the_upgrade_request_is_refused_before_the_upgrade()
    {
        using var service = Service();
        var refusal = await Assert.ThrowsAsync<WebSocketException>(() =>
            GraphQLSocket.ConnectAsync(service.ServerAddress, options: o => o.SetRequestHeader("X-Api-Key", "not-a-known-key")));
        Assert.Contains("401", refusal.Message);
    }

    [Fact]
    public async Task Each_operation_counts_against_the_client_s_rate_limit()
    {
        // The upgrade request counts once, each operation once more.
        using var service = Service(("CareerGraph:Limits:RateLimit:PermitLimit", "3"), ("CareerGraph:Limits:RateLimit:WindowSeconds", "60"));
        await using var socket = await GraphQLSocket.InitialisedAsync(service.ServerAddress);
        var answers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await socket.SubscribeAsync($"q{i}", "{ stats { careers } }");
            answers.Add(TypeOf(await socket.ReceiveAsync()) is "error" ? "refused" : "answered");
            if (answers[^1] == "answered") Assert.Equal("complete", TypeOf(await socket.ReceiveAsync()));
        }
        Assert.Equal(["answered", "answered", "refused"], answers);
    }

    [Fact]
    public async Task Only_the_service_s_own_origin_and_configured_origins_may_open_a_socket()
    {
        using var service = Service(("CareerGraph:Cors:AllowedOrigins:0", "https://app.example"));
        var self = service.ServerAddress.GetLeftPart(UriPartial.Authority);

        foreach (var allowed in new[] { null, "https://app.example", self })
        {
            await using var socket = await GraphQLSocket.ConnectAsync(service.ServerAddress, allowed);
            Assert.Equal(WebSocketState.Open, socket.Socket.State);
        }

        foreach (var foreign in new[] { "https://elsewhere.example", "http://app.example", "null" })
        {
            var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.AddSubProtocol("graphql-transport-ws");
            socket.Options.SetRequestHeader("Origin", foreign);
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new UriBuilder(new Uri(service.ServerAddress, "/graphql")) { Scheme = "ws" }.Uri, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
            socket.Dispose();
        }
    }

    [Fact]
    public async Task A_foreign_origin_is_told_why_in_the_answer()
    {
        using var service = Service();
        using var client = service.CreateClient();
        using var upgrade = new HttpRequestMessage(HttpMethod.Get, new Uri(service.ServerAddress, "/graphql"));
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.ParseAdd("websocket");
        upgrade.Headers.Add("Sec-WebSocket-Version", "13");
        upgrade.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        upgrade.Headers.Add("Sec-WebSocket-Protocol", "graphql-transport-ws");
        upgrade.Headers.Add("Origin", "https://elsewhere.example");

        var answer = await client.SendAsync(upgrade);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ORIGIN_NOT_ALLOWED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
