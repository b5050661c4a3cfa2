using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using CareerGraph.Api.Caching;
using CareerGraph.Model;
using CareerGraph.Tests.Curation;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Caching;

/// <summary>Answers served again while the graph has not changed: only anonymous queries, keyed by everything that shapes the answer.</summary>
public sealed class ResponseCacheTests : IDisposable
{
    private const string Aliases = """{ career(id: "devops-engineer") { aliases } }""";

    private readonly CurationService _service = new();

    public void Dispose() => _service.Dispose();

    private int Kept => _service.Services.GetRequiredService<ResponseCache>().Count;

    private async Task<HttpResponseMessage> GetAsync(string query, string? ifNoneMatch = null, string? apiKey = null)
    {
        using var client = apiKey is null ? _service.Anonymous() : _service.WithKey(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request);
    }

    private async Task<string> AliasesAsync()
    {
        using var client = _service.Anonymous();
        var answer = await client.PostAsync(Aliases);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Data.GetProperty("career").GetProperty("aliases").ToString();
    }

    [Fact]
    public async Task A_GET_answer_carries_an_ETag_and_asking_with_it_gets_304_without_a_body()
    {
        using var first = await GetAsync(Aliases);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());

        using var again = await GetAsync(Aliases, etag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());

        using var stale = await GetAsync(Aliases, "W/\"0123456789abcdef0123456789abcdef\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_query_asked_again_after_a_mutation_sees_the_change_and_a_new_ETag()
    {
        using var before = await GetAsync(Aliases);
        Assert.DoesNotContain("Platform Engineer", await AliasesAsync());

        using var curator = _service.WithKey();
        var added = await curator.PostAsync("""mutation { addAlias(input: { name: "Platform Engineer", target: "devops-engineer" }) { alias } }""");
        Assert.Equal("Platform Engineer", added.Data.GetProperty("addAlias").GetProperty("alias").GetString());

        Assert.Contains("Platform Engineer", await AliasesAsync());
        using var after = await GetAsync(Aliases, before.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_write_to_the_store_that_does_not_come_through_GraphQL_is_seen_too()
    {
        Assert.DoesNotContain("Site Reliability", await AliasesAsync());

        await _service.Store.ImportAsync(GraphDocument.Empty with { Aliases = [new Alias("Site Reliability", "devops-engineer")] });

        Assert.Contains("Site Reliability", await AliasesAsync());
    }

    [Fact]
    public async Task Mutations_are_never_served_from_the_cache()
    {
        using var curator = _service.WithKey();
        const string Add = """mutation { addAlias(input: { name: "Release Engineer", target: "devops-engineer" }) { alias } }""";
        var kept = Kept;

        await curator.PostAsync(Add);
        await curator.PostAsync("""mutation { removeAlias(input: { name: "Release Engineer", target: "devops-engineer" }) { alias } }""");
        Assert.DoesNotContain("Release Engineer", await AliasesAsync());
        await curator.PostAsync(Add); // the same document again: it must run again, not be answered from memory

        Assert.Contains("Release Engineer", await AliasesAsync());
        Assert.Equal(kept + 2, Kept); // the two reads, not the mutations
    }

    [Fact]
    public async Task Answers_are_kept_by_the_memory_they_take_not_by_their_number()
    {
        // More answers than the thousand a cache bounded by count kept: small ones all fit the default budget.
        using var client = _service.Anonymous();
        const string Query = "query Career($id: ID!) { career(id: $id) { name } }";
        var kept = Kept;
        for (var i = 0; i < 1200; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(Query, new { id = $"no-such-career-{i}" })).Status);
        Assert.Equal(kept + 1200, Kept);
    }

    [Fact]
    public async Task A_full_cache_keeps_no_more_than_its_budget_and_answers_all_the_same()
    {
        const int Budget = 4096;
        using var small = new CurationService(new Dictionary<string, string?> { ["CareerGraph:ResponseCache:MaxBytes"] = Budget.ToString() });
        using var client = small.Anonymous();
        const string Query = "query Career($id: ID!) { career(id: $id) { id name } }";
        var cache = small.Services.GetRequiredService<ResponseCache>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var id in new[] { "devops-engineer", "cloud-engineer", "mlops-engineer", "data-engineer" })
            {
                for (var i = 0; i < 10; i++)
                {
                    var answer = await client.PostAsync(Query, new { id, i });
                    Assert.Equal(id, answer.Data.GetProperty("career").GetProperty("id").GetString());
                }
            }
            // Each entry counts at least its overhead and its key's characters, so the budget holds a handful at most.
            Assert.InRange(cache.Count, 1, Budget / 400);
        }
    }

    [Fact]
    public async Task Keys_count_towards_the_budget_so_large_variables_cannot_fill_memory()
    {
        // Variables the operation does not use still make a key of their own, as long as the request body allows.
        using var small = new CurationService(new Dictionary<string, string?> { ["CareerGraph:ResponseCache:MaxBytes"] = "65536" });
        using var client = small.Anonymous();
        var cache = small.Services.GetRequiredService<ResponseCache>();
        for (var i = 0; i < 5; i++)
        {
            var answer = await client.PostAsync("""{ career(id: "devops-engineer") { name } }""", new { padding = new string((char)('a' + i), 40_000) });
            Assert.Equal("DevOps Engineer", answer.Data.GetProperty("career").GetProperty("name").GetString());
        }
        Assert.Equal(0, cache.Count); // each key alone takes more than the budget
        await client.PostAsync("""{ career(id: "devops-engineer") { name } }""");
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Telemetry_sees_the_hits_the_misses_and_what_is_kept()
    {
        var cache = _service.Services.GetRequiredService<ResponseCache>(); // its instruments are made with it
        var meter = _service.Services.GetRequiredService<IMeterFactory>().Create(CareerGraph.Api.Hosting.Telemetry.Name);
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, listening) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name.StartsWith("careergraph.answer_cache.", StringComparison.Ordinal))
                listening.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();

        await AliasesAsync(); // not kept yet: a miss, then kept
        await AliasesAsync(); // a hit
        listener.RecordObservableInstruments();

        Assert.Equal(1, seen["careergraph.answer_cache.hits"]);
        Assert.Equal(1, seen["careergraph.answer_cache.misses"]);
        Assert.Equal(cache.Count, seen["careergraph.answer_cache.entries"]);
        Assert.Equal(1, cache.Count);
        Assert.InRange(seen["careergraph.answer_cache.size"], Aliases.Length * 2 + 256, 4096);
    }

    [Fact]
    public async Task Different_variables_get_different_answers_and_the_same_ones_the_same()
    {
        using var client = _service.Anonymous();
        const string Query = "query Career($id: ID!) { career(id: $id) { name } }";

        var devops = await client.PostAsync(Query, new { id = "devops-engineer" });
        var cloud = await client.PostAsync(Query, new { id = "cloud-engineer" });
        var devopsAgain = await client.PostAsync(Query, new { id = "devops-engineer" });

        Assert.Equal("DevOps Engineer", devops.Data.GetProperty("career").GetProperty("name").GetString());
        Assert.Equal("Cloud Engineer", cloud.Data.GetProperty("career").GetProperty("name").GetString());
        Assert.Equal(devops.Body.ToString(), devopsAgain.Body.ToString());
    }

    [Fact]
    public async Task Answers_to_callers_with_a_credential_and_answers_with_errors_are_not_kept()
    {
        var kept = Kept;

        using var withKey = await GetAsync(Aliases, apiKey: CurationService.CuratorKey);
        using var client = _service.Anonymous();
        var notFound = await client.PostAsync("""{ path(from: "no-such-career", to: "devops-engineer") { hops } }""");

        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Null(withKey.Headers.ETag);
        Assert.NotEmpty(notFound.ErrorCodes);
        Assert.Equal(kept, Kept);

        using var anonymous = await GetAsync(Aliases);
        Assert.NotNull(anonymous.Headers.ETag);
        Assert.Equal(kept + 1, Kept);
    }

    [Fact]
    public async Task An_answer_kept_for_GET_is_the_same_over_POST()
    {
        using var get = await GetAsync(Aliases);
        using var client = _service.Anonymous();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent($$"""{"query":{{System.Text.Json.JsonSerializer.Serialize(Aliases)}}}""", MediaTypeHeaderValue.Parse("application/json")) };
        post.Headers.Accept.ParseAdd("application/json");
        using var answer = await client.SendAsync(post);

        Assert.Equal(await get.Content.ReadAsStringAsync(), await answer.Content.ReadAsStringAsync());
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Null(answer.Headers.ETag); // validators are for GET, which HTTP caches keep
    }
}
