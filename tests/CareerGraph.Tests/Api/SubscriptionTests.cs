using System.Net;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Tests.Contract;
using CareerGraph.Tests.Curation;

namespace CareerGraph.Tests.Api;

/// <summary>
/// graphChanged over GraphQL over Server-Sent Events (graphql-sse, distinct connections mode): changes made through the
/// API reach open streams in audit order, a reconnect with afterSequence replays what was missed, and the limits hold.
/// </summary>
public sealed class SubscriptionTests : IDisposable
{
    private const string Changes = "subscription($after: Int, $ids: [ID!], $kinds: [NodeKind!]) { graphChanged(afterSequence: $after, nodeIds: $ids, kinds: $kinds) { sequence operation nodeIds kinds summary at } }";

    private readonly CurationService _service = new(new Dictionary<string, string?> { ["CareerGraph:Limits:Subscriptions:PollSeconds"] = "30" });

    public void Dispose() => _service.Dispose();

    private async Task<EventStream> SubscribeAsync(HttpClient client, string query = Changes, object? variables = null)
    {
        var stream = await EventStream.OpenAsync(client, query, variables);
        Assert.Equal(HttpStatusCode.OK, stream.Status);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal("", (await stream.ReadAsync())?.Name); // the first keep-alive: subscribed
        return stream;
    }

    private async Task DescribeAsync(string careerId, string description)
    {
        using var curator = _service.WithKey();
        var answer = await curator.PostAsync("mutation($id: ID!, $d: String) { updateCareer(input: {id: $id, description: $d}) { userErrors { code } } }", new { id = careerId, d = description });
        Assert.Equal(0, answer.Data.GetProperty("updateCareer").GetProperty("userErrors").GetArrayLength());
    }

    private static int SequenceOf(ServerSentEvent? message)
    {
        Assert.Equal("next", message?.Name);
        return message!.Json.GetProperty("data").GetProperty("graphChanged").GetProperty("sequence").GetInt32();
    }

    [Fact]
    public async Task A_change_made_while_subscribed_arrives_as_a_next_event()
    {
        using var client = _service.WithKey();
        await using var stream = await SubscribeAsync(client, "subscription { graphChanged { sequence operation nodeIds kinds summary actor at } }");

        await DescribeAsync("mlops-engineer", "Runs models in production.");

        var message = await stream.NextEventAsync();
        Assert.Equal("next", message?.Name);
        var change = message!.Json.GetProperty("data").GetProperty("graphChanged");
        var audited = Assert.Single(await _service.Store.GetAuditAsync(new AuditQuery()));
        Assert.Equal(audited.Sequence, change.GetProperty("sequence").GetInt32());
        Assert.Equal("UPDATE_NODE", change.GetProperty("operation").GetString());
        Assert.Equal(["mlops-engineer"], change.GetProperty("nodeIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(["CAREER"], change.GetProperty("kinds").EnumerateArray().Select(kind => kind.GetString()));
        Assert.Equal("key:test-curator", change.GetProperty("actor").GetString());
        Assert.Equal(audited.Summary, change.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Reconnecting_with_afterSequence_replays_the_missed_changes_once_then_goes_on_live()
    {
        using var client = _service.Anonymous();
        int seen;
        await using (var first = await SubscribeAsync(client))
        {
            await DescribeAsync("mlops-engineer", "First.");
            seen = SequenceOf(await first.NextEventAsync());
        }

        await DescribeAsync("cloud-engineer", "Missed once.");
        await DescribeAsync("data-engineer", "Missed twice.");

        await using var again = await SubscribeAsync(client, variables: new { after = seen });
        var replayed = new[] { SequenceOf(await again.NextEventAsync()), SequenceOf(await again.NextEventAsync()) };
        await DescribeAsync("devops-engineer", "Live again.");
        var live = SequenceOf(await again.NextEventAsync());

        var trail = (await _service.Store.GetAuditAsync(new AuditQuery())).Select(e => (int)e.Sequence).ToList();
        Assert.Equal(trail, [seen, .. replayed, live]);
    }

    [Fact]
    public async Task A_stream_without_afterSequence_starts_from_now()
    {
        await DescribeAsync("mlops-engineer", "Before the stream.");
        using var client = _service.Anonymous();
        await using var stream = await SubscribeAsync(client);

        await DescribeAsync("cloud-engineer", "After it.");

        var change = (await stream.NextEventAsync())!.Json.GetProperty("data").GetProperty("graphChanged");
        Assert.Equal(["cloud-engineer"], change.GetProperty("nodeIds").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public async Task Node_ids_and_kinds_filter_the_changes()
    {
        using var client = _service.Anonymous();
        await using var byNode = await SubscribeAsync(client, variables: new { ids = new[] { "cloud-engineer" } });
        await using var bySkill = await SubscribeAsync(client, variables: new { kinds = new[] { "SKILL" } });

        await DescribeAsync("mlops-engineer", "Not watched.");
        await DescribeAsync("cloud-engineer", "Watched by id.");
        using var curator = _service.WithKey();
        await curator.PostAsync("mutation { updateSkill(input: {id: \"python\", description: \"A language.\"}) { userErrors { code } } }");

        var node = (await byNode.NextEventAsync())!.Json.GetProperty("data").GetProperty("graphChanged");
        Assert.Equal(["cloud-engineer"], node.GetProperty("nodeIds").EnumerateArray().Select(id => id.GetString()));
        var skill = (await bySkill.NextEventAsync())!.Json.GetProperty("data").GetProperty("graphChanged");
        Assert.Equal(["python"], skill.GetProperty("nodeIds").EnumerateArray().Select(id => id.GetString()));
        Assert.Equal(["SKILL"], skill.GetProperty("kinds").EnumerateArray().Select(kind => kind.GetString()));
    }

    [Fact]
    public async Task A_deleted_node_keeps_its_kind_in_the_event()
    {
        await _service.Store.ApplyAsync(new ChangeSet("key:setup", [new CreateNode(new Skill("cobol", "COBOL"))]));
        using var client = _service.Anonymous();
        await using var stream = await SubscribeAsync(client, variables: new { kinds = new[] { "SKILL" } });

        using var curator = _service.WithKey();
        await curator.PostAsync("mutation { deleteSkill(id: \"cobol\") { deletedId } }");

        var change = (await stream.NextEventAsync())!.Json.GetProperty("data").GetProperty("graphChanged");
        Assert.Equal("DELETE_NODE", change.GetProperty("operation").GetString());
        Assert.Equal(["SKILL"], change.GetProperty("kinds").EnumerateArray().Select(kind => kind.GetString()));
    }

    [Fact]
    public async Task A_subscription_over_plain_json_is_refused_with_406_saying_how_to_subscribe()
    {
        using var client = _service.Anonymous();
        var answer = await client.PostAsync("subscription { graphChanged { sequence } }");

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
        Assert.Equal(["EVENT_STREAM_REQUIRED"], answer.ErrorCodes);
        Assert.Contains("text/event-stream", answer.FirstErrorMessage);
    }

    [Theory]
    [InlineData("subscription { graphChanged { sequence nope } }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("subscription { graphChanged(afterSequence: -1) { sequence } }", "INVALID_ARGUMENT")]
    [InlineData("subscription { graphChanged { sequence } ", "SYNTAX_ERROR")]
    [InlineData("subscription { graphChanged { sequence actor } }", "UNAUTHENTICATED")]
    public async Task A_subscription_that_cannot_run_gets_an_error_event_then_complete(string query, string code)
    {
        using var client = _service.Anonymous();
        await using var stream = await EventStream.OpenAsync(client, query);

        Assert.Equal(HttpStatusCode.OK, stream.Status);
        var error = await stream.NextEventAsync();
        Assert.Equal("next", error?.Name);
        Assert.Contains(code, error!.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Equal("complete", (await stream.NextEventAsync())?.Name);
        Assert.Null(await stream.NextEventAsync());
    }

    [Fact]
    public async Task A_query_over_an_event_stream_is_one_next_event_then_complete()
    {
        using var client = _service.Anonymous();
        await using var stream = await EventStream.OpenAsync(client, "{ career(id: \"mlops-engineer\") { name } }");

        var result = await stream.NextEventAsync();
        Assert.Equal("MLOps Engineer", result!.Json.GetProperty("data").GetProperty("career").GetProperty("name").GetString());
        Assert.Equal("complete", (await stream.NextEventAsync())?.Name);
    }

    [Fact]
    public async Task A_query_from_a_client_that_also_accepts_event_streams_is_answered_in_json()
    {
        using var client = _service.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ career(id: \"mlops-engineer\") { name } }" }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json, application/json, text/event-stream, multipart/mixed"); // as urql sends it
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MLOps Engineer", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Subscriptions_follow_the_read_rule_when_reads_need_a_credential()
    {
        using var service = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Auth:RequireForReads"] = "true" });
        using var anonymous = service.Anonymous();
        await using (var refused = await EventStream.OpenAsync(anonymous, "subscription { graphChanged { sequence } }"))
        {
            var error = await refused.NextEventAsync();
            Assert.Equal("UNAUTHENTICATED", error!.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("complete", (await refused.NextEventAsync())?.Name);
        }

        using var curator = service.WithKey();
        await using var accepted = await EventStream.OpenAsync(curator, "subscription { graphChanged { sequence } }");
        Assert.Equal("", (await accepted.ReadAsync())?.Name);
    }

    [Fact]
    public async Task A_client_holds_at_most_PerClient_streams_and_one_it_closes_is_given_back()
    {
        using var service = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Limits:Subscriptions:PerClient"] = "1" });
        using var client = service.Anonymous();
        var first = await EventStream.OpenAsync(client, "subscription { graphChanged { sequence } }");
        Assert.Equal("", (await first.ReadAsync())?.Name);

        await using (var second = await EventStream.OpenAsync(client, "subscription { graphChanged { sequence } }"))
        {
            var refusal = await second.NextEventAsync();
            Assert.Equal("TOO_MANY_SUBSCRIPTIONS", refusal!.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("complete", (await second.NextEventAsync())?.Name);
        }

        await first.DisposeAsync(); // the client leaves: its stream ends on the server and frees the slot
        for (var attempt = 0; ; attempt++)
        {
            await using var third = await EventStream.OpenAsync(client, "subscription { graphChanged { sequence } }");
            if ((await third.ReadAsync())?.Name == "") break;
            Assert.True(attempt < 50, "The slot of the closed stream was never given back.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_stream_idle_for_IdleSeconds_completes_and_keep_alives_come_meanwhile()
    {
        using var service = new CurationService(new Dictionary<string, string?>
        {
            ["CareerGraph:Limits:Subscriptions:IdleSeconds"] = "1",
            ["CareerGraph:Limits:Subscriptions:KeepAliveSeconds"] = "0.3",
        });
        using var client = service.Anonymous();
        await using var stream = await EventStream.OpenAsync(client, "subscription { graphChanged { sequence } }");

        var names = new List<string>();
        while (await stream.ReadAsync() is { } message) names.Add(message.Name);

        Assert.True(names.Count(name => name == "") >= 2, $"Expected keep-alives, got: {string.Join(", ", names)}");
        Assert.Equal("complete", names[^1]);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_rather_than_buffered_without_bound()
    {
        using var service = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Limits:Subscriptions:BufferedEvents"] = "16" });
        using var client = service.Anonymous();
        var stream = await EventStream.OpenAsync(client, "subscription { graphChanged { sequence summary } }");
        Assert.Equal("", (await stream.ReadAsync())?.Name);

        // The client reads nothing while thousands of changes are made, far more than the 16 the service holds for it.
        const int changes = 3000;
        var careers = ContractGraph.Document.Nodes.OfType<Career>().Select(c => c.Id).ToList();
        for (var i = 0; i < changes; i++)
            await service.Store.ApplyAsync(new ChangeSet("key:test", [new PatchNode(careers[i % careers.Count], NodeKind.Career, new NodePatch { Description = new($"Version {i}.") })]));

        var received = 0;
        try
        {
            while (await stream.NextEventAsync() is { Name: "next" }) received++;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // the connection was aborted
        }
        await stream.DisposeAsync();
        Assert.InRange(received, 0, changes - 1);
    }
}
