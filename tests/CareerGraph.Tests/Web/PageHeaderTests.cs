using System.Net.Http.Headers;

namespace CareerGraph.Tests.Web;

/// <summary>The pages may not be framed, fed foreign script or sniffed; the browser tests prove they still work under the policy.</summary>
public sealed class PageHeaderTests : IDisposable
{
    private readonly ServiceHost service = new();

    public void Dispose() => service.Dispose();

    [Theory]
    [InlineData("/explore")]
    [InlineData("/graphql")]
    public async Task A_page_carries_a_strict_content_security_policy_and_no_sniffing_or_framing(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var response = await service.CreateClient().SendAsync(request);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]); // no inline or foreign script, no eval
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Only_the_ide_may_use_inline_styles_which_its_editor_writes()
    {
        var ide = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        ide.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var idePolicy = Directives((await service.CreateClient().SendAsync(ide)).Headers.GetValues("Content-Security-Policy").Single());
        var explorerPolicy = Directives((await service.CreateClient().GetAsync("/explore")).Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("'unsafe-inline'", idePolicy["style-src"]);
        Assert.DoesNotContain("'unsafe-inline'", explorerPolicy["style-src"]);
    }

    [Fact]
    public async Task Graphql_answers_are_not_sniffed_either()
    {
        var response = await service.CreateClient().GetAsync("/graphql?query=%7B__typename%7D");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");
}
