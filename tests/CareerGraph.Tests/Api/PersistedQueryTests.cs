using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerGraph.Api;
using CareerGraph.Api.Documents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>Automatic Persisted Queries as Apollo's persisted-query link and urql's persisted exchange speak them.</summary>
public sealed class PersistedQueryTests : IDisposable
{
    private readonly SmallCacheApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static object Extension(string hash, object? version = null) => new { persistedQuery = new { version = version ?? 1, sha256Hash = hash } };

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(object body)
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(object extensions, string? query = null)
    {
        using var client = _app.CreateClient();
        var url = "/graphql?extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(extensions)) + (query is null ? "" : "&query=" + Uri.EscapeDataString(query));
        using var response = await client.GetAsync(url);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string Code(JsonNode body) => body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task An_unknown_hash_asks_for_the_document_then_the_hash_alone_is_answered()
    {
        const string query = "{ career(id: \"mlops-engineer\") { name } }";
        var hash = Sha256(query);

        var (missStatus, miss) = await PostAsync(new { extensions = Extension(hash) });
        Assert.Equal(HttpStatusCode.NotFound, missStatus);
        Assert.Equal(ErrorCodes.PersistedQueryNotFound, Code(miss));
        Assert.Equal("PersistedQueryNotFound", miss["errors"]![0]!["message"]!.GetValue<string>()); // what urql matches on

        var (storeStatus, stored) = await PostAsync(new { query, extensions = Extension(hash) });
        Assert.Equal(HttpStatusCode.OK, storeStatus);
        Assert.Equal("MLOps Engineer", stored["data"]!["career"]!["name"]!.GetValue<string>());

        var (status, body) = await PostAsync(new { extensions = Extension(hash.ToUpperInvariant()) });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("MLOps Engineer", body["data"]!["career"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_works_like_post_with_variables()
    {
        const string query = "query Career($id: ID!) { career(id: $id) { name } }";
        var hash = Sha256(query);
        Assert.Equal(ErrorCodes.PersistedQueryNotFound, Code((await GetAsync(Extension(hash))).Body));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Extension(hash), query)).Status);

        using var client = _app.CreateClient();
        var url = "/graphql?extensions=" + Uri.EscapeDataString(JsonSerializer.Serialize(Extension(hash)))
            + "&variables=" + Uri.EscapeDataString("""{"id":"cloud-engineer"}""");
        var body = JsonNode.Parse(await client.GetStringAsync(url))!;
        Assert.Equal("Cloud Engineer", body["data"]!["career"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_hash_that_is_not_the_documents_is_refused_and_not_stored()
    {
        const string query = "{ stats { careers } }";
        var otherHash = Sha256("{ stats { skills } }");

        var (status, body) = await PostAsync(new { query, extensions = Extension(otherHash) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.PersistedQueryHashMismatch, Code(body));
        Assert.Null(body["data"]);
        Assert.Equal(ErrorCodes.PersistedQueryNotFound, Code((await PostAsync(new { extensions = Extension(otherHash) })).Body));
    }

    [Theory]
    [InlineData("abc", 1)]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000", 1)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000", 2)]
    public async Task A_malformed_extension_is_a_clear_400(string hash, int version)
    {
        var (status, body) = await PostAsync(new { extensions = Extension(hash, version) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.PersistedQueryInvalid, Code(body));
    }

    [Fact]
    public async Task A_persisted_mutation_is_still_refused_over_get()
    {
        const string mutation = "mutation { __typename }";
        var hash = Sha256(mutation);
        await PostAsync(new { query = mutation, extensions = Extension(hash) }); // stored, though refused for want of a credential
        var (status, body) = await GetAsync(Extension(hash));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("METHOD_NOT_ALLOWED", Code(body));
    }

    [Fact]
    public async Task The_store_keeps_a_bounded_number_of_documents_and_forgets_the_least_recently_used()
    {
        var queries = Enumerable.Range(1, 12).Select(i => $"{{ a{i}: stats {{ careers }} }}").ToList();
        foreach (var query in queries)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(new { query, extensions = Extension(Sha256(query)) })).Status);

        var remembered = 0;
        foreach (var query in queries)
            if ((await PostAsync(new { extensions = Extension(Sha256(query)) })).Status == HttpStatusCode.OK) remembered++;
        Assert.InRange(remembered, 1, SmallCacheApp.Entries);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(new { extensions = Extension(Sha256(queries[^1])) })).Status);
        Assert.InRange(_app.Services.GetRequiredService<ParsedDocumentCache>().Count, 1, SmallCacheApp.Entries);
    }

    [Fact]
    public async Task A_document_longer_than_the_cache_allows_is_answered_but_not_remembered()
    {
        var query = "{ stats { careers } }" + new string(' ', SmallCacheApp.MaxLength);
        var hash = Sha256(query);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(new { query, extensions = Extension(hash) })).Status);
        Assert.Equal(ErrorCodes.PersistedQueryNotFound, Code((await PostAsync(new { extensions = Extension(hash) })).Body));
    }

    [Fact]
    public async Task Turned_off_a_hash_alone_is_not_supported_and_a_document_with_a_hash_still_runs()
    {
        using var app = new SmallCacheApp();
        using var off = app.WithWebHostBuilder(host => host.UseSetting("CareerGraph:Documents:PersistedQueries", "false"));
        using var client = off.CreateClient();
        const string query = "{ stats { careers } }";
        var hashOnly = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { extensions = Extension(Sha256(query)) }), Encoding.UTF8, "application/json"));
        Assert.Equal(ErrorCodes.PersistedQueryNotSupported, Code(JsonNode.Parse(await hashOnly.Content.ReadAsStringAsync())!));
        var full = await client.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query, extensions = Extension(Sha256(query)) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    private sealed class SmallCacheApp : CareerGraphApp
    {
        public const int Entries = 5;
        public const int MaxLength = 200;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CareerGraph:Documents:CacheEntries", Entries.ToString());
            builder.UseSetting("CareerGraph:Documents:MaxCachedLength", MaxLength.ToString());
        }
    }
}
