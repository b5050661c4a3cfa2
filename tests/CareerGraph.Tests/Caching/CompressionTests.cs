using System.IO.Compression;
using System.Net;
using CareerGraph.Tests.Curation;

namespace CareerGraph.Tests.Caching;

/// <summary>JSON answers travel compressed when the client accepts it and they are large enough, never when a credential was sent.</summary>
public sealed class CompressionTests : IDisposable
{
    // Every career with its skills and links: well above the size worth compressing.
    private const string Large = "{ careers(first: 50) { nodes { id name description skills { importance skill { id name } } seeAlso { weight career { id name } } } } }";
    private const string Small = """{ career(id: "devops-engineer") { name } }""";

    private readonly CurationService _service = new();

    public void Dispose() => _service.Dispose();

    private Task<(string? Encoding, byte[] Body)> PostAsync(string query, string? acceptEncoding, string? apiKey = null) =>
        PostAsync(_service, query, acceptEncoding, apiKey);

    private static async Task<(string? Encoding, byte[] Body)> PostAsync(CurationService service, string query, string? acceptEncoding, string? apiKey = null)
    {
        using var client = apiKey is null ? service.Anonymous() : service.WithKey(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Content.Headers.ContentEncoding.SingleOrDefault(), await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decode(string encoding, byte[] body)
    {
        using Stream decoder = encoding == "br" ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress) : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task A_large_answer_comes_compressed_in_the_encoding_the_client_prefers(string acceptEncoding, string expected)
    {
        var (_, plain) = await PostAsync(Large, acceptEncoding: null);
        var (encoding, body) = await PostAsync(Large, acceptEncoding);

        Assert.Equal(expected, encoding);
        Assert.True(body.Length < plain.Length / 2, $"{body.Length} compressed bytes against {plain.Length}");
        Assert.Equal(plain, Decode(expected, body));
    }

    [Fact]
    public async Task A_small_answer_is_sent_as_it_is()
    {
        var (encoding, body) = await PostAsync(Small, "br, gzip");

        Assert.Null(encoding);
        Assert.Contains("DevOps Engineer", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Without_the_answer_cache_a_large_answer_comes_compressed_and_a_small_one_as_it_is()
    {
        using var uncached = new CurationService(new Dictionary<string, string?> { ["CareerGraph:ResponseCache:Enabled"] = "false" });
        var (_, plain) = await PostAsync(uncached, Large, acceptEncoding: null);
        var (largeEncoding, large) = await PostAsync(uncached, Large, "br");
        var (smallEncoding, small) = await PostAsync(uncached, Small, "br, gzip");

        Assert.Equal("br", largeEncoding);
        Assert.Equal(plain, Decode("br", large));
        Assert.Null(smallEncoding);
        Assert.Contains("DevOps Engineer", System.Text.Encoding.UTF8.GetString(small));
    }

    [Fact]
    public async Task An_answer_to_a_request_with_a_credential_is_never_compressed()
    {
        var (encoding, body) = await PostAsync(Large, "br, gzip", apiKey: CurationService.CuratorKey);

        Assert.Null(encoding);
        Assert.StartsWith("{\"data\"", System.Text.Encoding.UTF8.GetString(body));
    }
}
