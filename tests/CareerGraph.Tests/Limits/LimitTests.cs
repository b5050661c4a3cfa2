using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CareerGraph.Store;
using CareerGraph.Tests.Curation;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Limits;

/// <summary>Every limit refuses with its own code, at its default or configured bound, and the service keeps answering.</summary>
public sealed class LimitTests
{
    private static CurationService Service(params (string Key, string Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    [Fact]
    public async Task A_query_nested_deeper_than_the_limit_is_refused()
    {
        using var service = Service();
        var deep = "{ career(id: \"machine-learning-engineer\") { "
            + string.Concat(Enumerable.Repeat("seeAlso { career { ", 8)) + "id" + string.Concat(Enumerable.Repeat(" } }", 8)) + " } }";
        var answer = await service.Anonymous().PostAsync(deep);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("QUERY_TOO_DEEP", answer.ErrorCodes);
    }

    [Fact]
    public async Task A_document_nested_deeper_than_the_parser_reads_is_refused_as_the_clients_error()
    {
        using var service = Service();
        // 60 levels of see-also, two selections each: past the parser's 128 levels, before any limit of ours is measured.
        var deep = "{ career(id: \"machine-learning-engineer\") { "
            + string.Concat(Enumerable.Repeat("seeAlso { career { ", 60)) + "id" + string.Concat(Enumerable.Repeat(" } }", 60)) + " } }";
        var answer = await service.Anonymous().PostAsync(deep);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["MAX_DEPTH_EXCEEDED"], answer.ErrorCodes);
        Assert.Contains("128", answer.FirstErrorMessage);

        // The service goes on answering.
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ stats { careers } }")).Status);
    }

    [Fact]
    public async Task A_query_costing_more_than_the_limit_is_refused_and_a_cheaper_one_passes()
    {
        using var service = Service();
        var costly = await service.Anonymous().PostAsync(
            "{ careers(first: 100) { nodes { skills { skill { requiredBy(first: 500) { career { skills { skill { name } } } } } } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, costly.Status);
        Assert.Equal(["QUERY_TOO_COMPLEX"], costly.ErrorCodes);
        Assert.Contains("the limit is 100000", costly.FirstErrorMessage);

        var modest = await service.Anonymous().PostAsync("{ careers(first: 10) { nodes { name skills { skill { name } } } } }");
        Assert.Equal(HttpStatusCode.OK, modest.Status);
    }

    [Fact]
    public async Task Too_many_aliases_or_fields_are_refused()
    {
        using var service = Service(("CareerGraph:Limits:MaxAliases", "3"), ("CareerGraph:Limits:MaxFields", "20"));
        var aliases = await service.Anonymous().PostAsync("{ " + string.Join(' ', Enumerable.Range(0, 4).Select(i => $"a{i}: stats {{ careers }}")) + " }");
        Assert.Equal(["TOO_MANY_ALIASES"], aliases.ErrorCodes);
        var fields = await service.Anonymous().PostAsync("{ stats { " + string.Join(' ', Enumerable.Repeat("careers", 20)) + " } }");
        Assert.Equal(["TOO_MANY_FIELDS"], fields.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ a: stats { careers } b: stats { skills } }")).Status);
    }

    [Fact]
    public async Task Max_hops_and_k_are_bounded_by_configuration()
    {
        using var service = Service(("CareerGraph:Limits:MaxHops", "3"), ("CareerGraph:Limits:MaxPaths", "2"));
        var hops = await service.Anonymous().PostAsync("""{ path(from: "machine-learning-engineer", to: "cloud-engineer", maxHops: 4) { hops } }""");
        Assert.Equal(["INVALID_ARGUMENT"], hops.ErrorCodes);
        Assert.Contains("from 1 to 3", hops.FirstErrorMessage);
        var k = await service.Anonymous().PostAsync("""{ paths(from: "machine-learning-engineer", to: "cloud-engineer", k: 3, maxHops: 3) { hops } }""");
        Assert.Equal(["INVALID_ARGUMENT"], k.ErrorCodes);
        var fine = await service.Anonymous().PostAsync("""{ paths(from: "machine-learning-engineer", to: "cloud-engineer", k: 2, maxHops: 3) { hops } }""");
        Assert.Equal(2, fine.Data.GetProperty("paths").GetArrayLength());
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_gets_413_with_or_without_a_content_length()
    {
        using var service = Service(("CareerGraph:Limits:MaxBodyBytes", "1000"));
        var big = JsonSerializer.Serialize(new { query = "{ stats { careers } }", variables = new { padding = new string('x', 2000) } });

        var sized = await service.Anonymous().PostAsync("/graphql", new StringContent(big, Encoding.UTF8, "application/json"));
        var streamed = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(big)));
        streamed.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var chunked = await service.Anonymous().PostAsync("/graphql", streamed);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (sized.StatusCode, chunked.StatusCode));
        Assert.Contains("PAYLOAD_TOO_LARGE", await sized.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ stats { careers } }")).Status);
    }

    [Fact]
    public async Task An_operation_running_longer_than_the_timeout_is_stopped_and_the_service_keeps_answering()
    {
        using var service = new CurationService(
            new Dictionary<string, string?> { ["CareerGraph:Limits:TimeoutSeconds"] = "0.3" },
            services: services => SlowSearch.Decorate(services, TimeSpan.FromSeconds(20)));
        var started = DateTime.UtcNow;
        var answer = await service.Anonymous().PostAsync("""{ search(text: "python") { matched } }""");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "the operation was not stopped");
        Assert.Equal(["TIMEOUT"], answer.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous().PostAsync("{ stats { careers } }")).Status);
    }

    [Fact]
    public async Task A_client_over_the_rate_limit_gets_429_with_retry_after_while_probes_still_answer()
    {
        using var service = Service(("CareerGraph:Limits:RateLimit:PermitLimit", "3"), ("CareerGraph:Limits:RateLimit:WindowSeconds", "60"));
        var client = service.Anonymous();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("{ stats { careers } }")).Status);

        var limited = await client.PostAsync("{ stats { careers } }");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(["RATE_LIMITED"], limited.ErrorCodes);
        Assert.InRange(int.Parse(limited.Response.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Retry_after_is_the_time_left_in_the_window_not_the_whole_window()
    {
        using var service = Service(("CareerGraph:Limits:RateLimit:PermitLimit", "1"), ("CareerGraph:Limits:RateLimit:WindowSeconds", "60"));
        var client = service.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("{ stats { careers } }")).Status);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the window started with the first request
        var limited = await client.PostAsync("{ stats { careers } }");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        var seconds = int.Parse(limited.Response.Headers.GetValues("Retry-After").Single());
        Assert.InRange(seconds, 1, 59);
        Assert.Contains($"Try again in {seconds} s", limited.FirstErrorMessage);
    }

    [Fact]
    public async Task A_batch_runs_each_operation_up_to_the_configured_count()
    {
        using var service = Service(("CareerGraph:Limits:MaxBatchSize", "2"));
        var client = service.Anonymous();
        var two = await PostJsonAsync(client, """[{"query":"{ stats { careers } }"},{"query":"{ career(id: \"cloud-engineer\") { name } }"}]""");
        Assert.Equal(HttpStatusCode.OK, two.Status);
        Assert.Equal(JsonValueKind.Array, two.Body.ValueKind);
        Assert.Equal(9, two.Body[0].GetProperty("data").GetProperty("stats").GetProperty("careers").GetInt32());
        Assert.Equal("Cloud Engineer", two.Body[1].GetProperty("data").GetProperty("career").GetProperty("name").GetString());

        var three = await PostJsonAsync(client, """[{"query":"{ __typename }"},{"query":"{ __typename }"},{"query":"{ __typename }"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, three.Status);
        Assert.Equal("BATCH_TOO_LARGE", three.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        var empty = await PostJsonAsync(client, "[]");
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
    }

    [Fact]
    public async Task A_mutation_in_a_batch_needs_a_curator_like_any_other()
    {
        using var service = Service();
        var answer = await PostJsonAsync(service.Anonymous(), """[{"query":"mutation { deleteSkill(id: \"python\") { deletedId } }"}]""");
        Assert.Equal("UNAUTHENTICATED", answer.Body[0].GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Single(await service.Store.GetNodesAsync(["python"]));
    }

    [Fact]
    public async Task Introspection_can_be_turned_off_by_configuration()
    {
        const string Introspect = "{ __schema { queryType { name } } }";
        using (var open = new CurationService(environment: "Production"))
            Assert.Equal("Query", (await open.Anonymous().PostAsync(Introspect)).Data.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
        using var closed = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Limits:Introspection"] = "false" }, environment: "Production");
        var answer = await closed.Anonymous().PostAsync(Introspect);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(["INTROSPECTION_DISABLED"], answer.ErrorCodes);
        Assert.Equal(HttpStatusCode.OK, (await closed.Anonymous().PostAsync("{ __typename }")).Status);
    }

    [Fact]
    public async Task The_full_introspection_query_of_browser_ides_stays_within_the_default_limits()
    {
        using var service = Service();
        var answer = await service.Anonymous().PostAsync(IntrospectionQuery);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(answer.ErrorCodes);
        Assert.Contains(answer.Data.GetProperty("__schema").GetProperty("types").EnumerateArray(), t => t.GetProperty("name").GetString() == "Mutation");
    }

    [Fact]
    public async Task Browsers_may_call_only_from_the_configured_origins()
    {
        using var service = Service(("CareerGraph:Cors:AllowedOrigins:0", "https://ide.example"));
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
            return await service.Anonymous().SendAsync(request);
        }
        var allowed = await PreflightAsync("https://ide.example");
        Assert.Equal("https://ide.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False((await PreflightAsync("https://elsewhere.example")).Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static async Task<GraphQLAnswer> PostJsonAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/graphql", new StringContent(json, Encoding.UTF8, "application/json"));
        return new GraphQLAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }

    /// <summary>A body sent without a Content-Length, as chunked uploads are.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A store whose search takes long: the stand-in for any slow backend call.</summary>
    public class SlowSearch : DispatchProxy
    {
        private ICareerGraphStore _inner = null!;
        private TimeSpan _delay;

        public static void Decorate(IServiceCollection services, TimeSpan delay)
        {
            var original = services.Last(d => d.ServiceType == typeof(ICareerGraphStore));
            services.Remove(original);
            services.AddSingleton(provider =>
            {
                var proxy = Create<ICareerGraphStore, SlowSearch>();
                var slow = (SlowSearch)(object)proxy;
                (slow._inner, slow._delay) = ((ICareerGraphStore)original.ImplementationFactory!(provider), delay);
                return proxy;
            });
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method!.Name == nameof(ICareerGraphStore.SearchAsync)
                ? SearchSlowlyAsync((SearchQuery)args![0]!, (CancellationToken)args[1]!)
                : method.Invoke(_inner, args);

        private async Task<IReadOnlyList<SearchHit>> SearchSlowlyAsync(SearchQuery query, CancellationToken cancellationToken)
        {
            await Task.Delay(_delay, cancellationToken);
            return await _inner.SearchAsync(query, cancellationToken);
        }
    }

    private const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
