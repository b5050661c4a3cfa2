using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CareerGraph.Tests.Api;

/// <summary>The transport follows the GraphQL-over-HTTP specification.</summary>
[Collection(SeededApp.Name)]
public sealed class GraphQLOverHttpTests(CareerGraphApp app)
{
    private const string GraphQLResponse = "application/graphql-response+json";

    private async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string url, string? body = null, string contentType = "application/json", string? accept = GraphQLResponse)
    {
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, response);
    }

    private static string Code(JsonNode? body) => body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task A_post_answers_with_the_graphql_response_media_type()
    {
        var (status, mediaType, body, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ career(id: \"mlops-engineer\") { name } }"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GraphQLResponse, mediaType);
        Assert.Equal("MLOps Engineer", body!["data"]!["career"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Variables_and_operation_name_are_honoured()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql", """
            {"query":"query A($id: ID!) { career(id: $id) { name } } query B { stats { careers } }",
             "operationName":"A","variables":{"id":"cloud-engineer"}}
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Cloud Engineer", body!["data"]!["career"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_get_with_query_parameters_runs_a_query()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query($n: String) { career(name: $n) { id } }") + "&variables=" + Uri.EscapeDataString("""{"n":"ML Engineer"}""");
        var (status, _, body, _) = await SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("machine-learning-engineer", body!["data"]!["career"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_that_accepts_only_json_gets_json_and_200_even_for_invalid_documents()
    {
        var (status, mediaType, body, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ noSuchField }"}""", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.NotNull(body!["errors"]);
    }

    [Fact]
    public async Task Without_an_accept_header_the_answer_is_json()
    {
        var (_, mediaType, _, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ stats { careers } }"}""", accept: null);
        Assert.Equal("application/json", mediaType);
    }

    [Theory]
    [InlineData("{ noSuchField }", "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("{ career(id: ", "SYNTAX_ERROR")]
    [InlineData("query { path(to: \\\"x\\\") { hops } }", "PROVIDED_NON_NULL_ARGUMENTS")]
    public async Task A_document_that_cannot_run_is_400_with_a_coded_error(string query, string code)
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql", $$"""{"query":"{{query}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, Code(body));
        Assert.Null(body!["data"]);
    }

    [Theory]
    [InlineData("{ not json", "INVALID_JSON")]
    [InlineData("""{"variables":{}}""", "QUERY_MISSING")]
    [InlineData("""{"query":""}""", "QUERY_MISSING")]
    [InlineData("""{"query":"{ stats { careers } }","variables":"oops"}""", "INVALID_JSON")]
    [InlineData("[1,2]", "INVALID_JSON")]
    public async Task A_body_that_is_not_a_graphql_request_is_400(string body, string code)
    {
        var (status, _, json, _) = await SendAsync(HttpMethod.Post, "/graphql", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, Code(json));
    }

    [Theory]
    [InlineData("""{"query":"{ stats { careers } }"}""")]
    [InlineData("""[{"query":"{ stats { careers } }"}]""")]
    public async Task A_body_that_starts_with_a_byte_order_mark_is_read_as_without_it(string body)
    {
        var (status, _, json, _) = await SendAsync(HttpMethod.Post, "/graphql", "\uFEFF" + body);
        Assert.Equal(HttpStatusCode.OK, status);
        var answer = json is JsonArray batch ? batch.Single() : json;
        Assert.True(answer!["data"]!["stats"]!["careers"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Post, "/graphql", "{ stats { careers } }", contentType: "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", Code(body));
    }

    [Fact]
    public async Task An_unacceptable_accept_header_is_406()
    {
        var (status, _, _, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ stats { careers } }"}""", accept: "application/xml");
        Assert.Equal(HttpStatusCode.NotAcceptable, status);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    [InlineData(null)]
    public async Task Any_type_or_no_accept_header_is_answered_as_application_json(string? accept)
    {
        // What curl and legacy clients send; the specification asks for application/json then, where a document that cannot run is 200 with errors.
        var (status, mediaType, body, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ stats { careers } }"}""", accept: accept);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
        Assert.True(body!["data"]!["stats"]!["careers"]!.GetValue<int>() > 0);

        var (invalidStatus, invalidType, invalid, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ nope }"}""", accept: accept);
        Assert.Equal(HttpStatusCode.OK, invalidStatus);
        Assert.Equal("application/json", invalidType);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", Code(invalid));
    }

    [Fact]
    public async Task A_client_listing_graphql_response_json_first_still_gets_it()
    {
        var (_, mediaType, _, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ stats { careers } }"}""", accept: "application/graphql-response+json, application/json;q=0.9, */*;q=0.8");
        Assert.Equal(GraphQLResponse, mediaType);
    }

    [Fact]
    public async Task A_get_without_a_query_is_400()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Get, "/graphql");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_MISSING", Code(body));
    }

    [Fact]
    public async Task Bad_variables_in_a_get_are_400()
    {
        var (status, _, body, _) = await SendAsync(HttpMethod.Get, "/graphql?query=%7Bstats%7Bcareers%7D%7D&variables=%7Bnope");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_VARIABLES", Code(body));
    }

    [Fact]
    public async Task A_mutation_over_get_is_405_allowing_post()
    {
        var (status, _, body, response) = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { x }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("METHOD_NOT_ALLOWED", Code(body));
        Assert.Contains("POST", response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var allow) ? allow : []));
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var ready = await client.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
