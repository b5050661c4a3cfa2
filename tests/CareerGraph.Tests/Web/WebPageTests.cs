using System.Net;
using System.Net.Http.Headers;

namespace CareerGraph.Tests.Web;

/// <summary>The pages built into wwwroot: the GraphQL IDE for browsers at GET /graphql, and the explorer.</summary>
public sealed class WebPageTests : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    private readonly ServiceHost service = new();

    public void Dispose() => service.Dispose();

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await service.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task A_browser_opening_the_graphql_endpoint_gets_the_graphql_ide()
    {
        var response = await GetAsync("/graphql", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<div id=\"graphiql\">", page);
        Assert.Contains("GraphQL IDE", page);
    }

    [Fact]
    public async Task The_service_root_sends_a_browser_to_the_graphql_ide()
    {
        var client = service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/graphql", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_client_asking_for_json_over_get_still_gets_a_graphql_answer()
    {
        var response = await GetAsync("/graphql?query=%7Bstats%7Bcareers%7D%7D", "text/html, application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"stats\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_is_never_answered_with_the_ide()
    {
        var content = new StringContent("""{"query":"{ stats { careers } }"}""", System.Text.Encoding.UTF8, "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);

        var response = await service.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType); // */* is answered as JSON, as GraphQL over HTTP asks
    }

    [Fact]
    public async Task The_explorer_page_and_its_scripts_are_served_by_the_service_itself()
    {
        var response = await GetAsync("/explore", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"drawing\"", page);
        var scripts = System.Text.RegularExpressions.Regex.Matches(page, "src=\"(/assets/[^\"]+\\.js)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain("src=\"http", page);
        foreach (var script in scripts)
        {
            var asset = await GetAsync(script, "*/*");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365), Extensions = { new NameValueHeaderValue("immutable") } }.ToString(),
                asset.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Scripts_are_sent_precompressed_to_browsers_that_accept_it(string encoding)
    {
        var page = await (await GetAsync("/explore", BrowserAccept)).Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(page, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        var plain = await GetAsync(script, "*/*");
        var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", $"{encoding}, identity;q=0.5");

        var packed = await service.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, packed.StatusCode);
        Assert.Equal([encoding], packed.Content.Headers.ContentEncoding);
        Assert.Equal(plain.Content.Headers.ContentType?.MediaType, packed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", packed.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var body = await packed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < (await plain.Content.ReadAsByteArrayAsync()).Length / 2, "the compressed script is less than half the size");
        await using var unpacked = encoding == "br"
            ? (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
        using var text = new MemoryStream();
        await unpacked.CopyToAsync(text);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), text.ToArray());
    }
}
