using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareerGraph.Tests.Curation;

/// <summary>Refused credentials get a message in the service's words and one body shape, whatever the client accepts.</summary>
public sealed class CredentialErrorTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json")]
    public async Task Every_401_and_403_carries_its_code_in_the_same_body_whatever_the_accept_header(string accept)
    {
        using var service = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Auth:RequireForReads"] = "true" });
        var wrongKey = await SendAsync(service.WithKey("not-a-key"), accept, "{ stats { careers } }");
        var noCredential = await SendAsync(service.Anonymous(), accept, "{ stats { careers } }");
        var noRole = await SendAsync(service.WithToken(CurationService.Token("reader")), accept, """mutation { deleteSkill(id: "python") { deletedId } }""");

        foreach (var (answer, status, code) in new[] { (wrongKey, 401, "UNAUTHENTICATED"), (noCredential, 401, "UNAUTHENTICATED"), (noRole, 403, "FORBIDDEN") })
        {
            Assert.Equal(status, (int)answer.Response.StatusCode);
            Assert.Equal(accept, answer.Response.Content.Headers.ContentType!.MediaType);
            Assert.False(answer.Body.TryGetProperty("data", out _), "a refused request has no data");
            var error = Assert.Single(answer.Body.GetProperty("errors").EnumerateArray());
            Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
            if (status == 401) Assert.Contains("X-Api-Key", answer.Response.Headers.WwwAuthenticate.ToString());
        }
        Assert.Single(await service.Store.GetNodesAsync(["python"]));
    }

    [Fact]
    public async Task An_api_key_sent_in_the_authorization_header_is_pointed_to_the_right_header()
    {
        using var service = new CurationService(new Dictionary<string, string?> { ["CareerGraph:Auth:Jwt:SigningKey"] = "", ["CareerGraph:Auth:Jwt:Issuer"] = "" });
        var client = service.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", CurationService.CuratorKey);
        var answer = await client.PostAsync("{ stats { careers } }");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Contains("X-Api-Key", answer.FirstErrorMessage);
        Assert.DoesNotContain("JWT", answer.FirstErrorMessage);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-signature")]
    [InlineData("wrong-audience")]
    [InlineData("not-a-jwt")]
    public async Task A_refused_token_is_explained_without_library_codes_or_type_names(string problem)
    {
        using var service = new CurationService();
        var token = problem switch
        {
            "expired" => CurationService.Token("ann", "curator", lifetime: TimeSpan.FromMinutes(-5)),
            "wrong-signature" => CurationService.Token("ann", "curator", signingKey: "another-signing-key-that-is-long-enough-too"),
            "wrong-audience" => CurationService.Token("ann", "curator", audience: "another-service"),
            _ => "not.a-jwt",
        };
        var answer = await service.WithToken(token).PostAsync("{ stats { careers } }");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(["UNAUTHENTICATED"], answer.ErrorCodes);
        Assert.StartsWith("The bearer token", answer.FirstErrorMessage);
        Assert.DoesNotContain("IDX", answer.FirstErrorMessage);
        Assert.DoesNotContain("Exception", answer.FirstErrorMessage);
        Assert.DoesNotContain("Microsoft.", answer.FirstErrorMessage);
    }

    [Fact]
    public async Task A_body_that_is_not_a_request_is_explained_without_type_names()
    {
        using var service = new CurationService();
        var response = await service.Anonymous().PostAsync("/graphql", new StringContent("""{"query": 42}""", System.Text.Encoding.UTF8, "application/json"));
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("message").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("GraphQL.", message);
        Assert.DoesNotContain("System.", message);
    }

    private static async Task<GraphQLAnswer> SendAsync(HttpClient client, string accept, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        return new GraphQLAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response);
    }
}
