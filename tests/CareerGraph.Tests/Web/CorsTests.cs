using System.Net;

namespace CareerGraph.Tests.Web;

public sealed class CorsTests
{
    private const string FrontEnd = "http://localhost:5173";

    private static ServiceHost WithOrigins(params string[] origins) =>
        new(origins.Select((origin, i) => KeyValuePair.Create($"CareerGraph:Cors:AllowedOrigins:{i}", (string?)origin)).ToDictionary());

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/graphql")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "content-type,x-api-key" },
        },
    };

    private static HttpRequestMessage Query(string origin) => new(HttpMethod.Post, "/graphql")
    {
        Headers = { { "Origin", origin } },
        Content = new StringContent("""{"query":"{ stats { careers } }"}""", System.Text.Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task A_configured_front_end_origin_may_post_queries_with_an_api_key_header()
    {
        using var service = WithOrigins(FrontEnd);
        var client = service.CreateClient();

        var preflight = await client.SendAsync(Preflight(FrontEnd));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(FrontEnd, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("x-api-key", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        var query = await client.SendAsync(Query(FrontEnd));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(FrontEnd, Assert.Single(query.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task An_origin_that_is_not_configured_gets_no_cors_permission()
    {
        using var service = WithOrigins(FrontEnd);
        var client = service.CreateClient();

        var preflight = await client.SendAsync(Preflight("https://elsewhere.example"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        var query = await client.SendAsync(Query("https://elsewhere.example"));
        Assert.False(query.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_configured_origins_no_cross_origin_access_is_allowed()
    {
        using var service = new ServiceHost();
        var client = service.CreateClient();

        var preflight = await client.SendAsync(Preflight(FrontEnd));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        var query = await client.SendAsync(Query(FrontEnd));
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.False(query.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_request_without_an_origin_is_answered_without_cors_headers()
    {
        using var service = WithOrigins(FrontEnd);
        var client = service.CreateClient();
        var request = Query(FrontEnd);
        request.Headers.Remove("Origin");

        var query = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.DoesNotContain(query.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"careers\":", await query.Content.ReadAsStringAsync());
    }

    [Fact]
    public void An_allowed_origin_with_a_path_stops_the_service_with_a_message_naming_it()
    {
        using var service = WithOrigins("https://careers.example.com/app");

        var error = Assert.Throws<InvalidOperationException>(() => service.CreateClient());
        Assert.Contains("CareerGraph:Cors:AllowedOrigins", error.Message);
        Assert.Contains("https://careers.example.com/app", error.Message);
    }
}
