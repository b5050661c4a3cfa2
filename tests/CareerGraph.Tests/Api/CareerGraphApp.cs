using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareerGraph.Tests.Api;

/// <summary>The service in-process on its own temporary embedded store, seeded from the repository's seeds.</summary>
public class CareerGraphApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    public string DatabasePath => _folder.File("careergraph.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("CareerGraph:Store", "Embedded");
        builder.UseSetting("CareerGraph:Embedded:Path", DatabasePath);
        builder.UseSetting("CareerGraph:Seeds:Path", RepoPaths.Seeds);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    /// <summary>POSTs a query and returns the status and the parsed response.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonNode Body)> PostAsync(string query, object? variables = null, string accept = "application/graphql-response+json")
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>
    /// POSTs a query and returns the response as the client sees it. The second argument is the variables (JSON) or,
    /// when not JSON, the operation name; with <paramref name="apiKey"/> the request carries it as X-Api-Key.
    /// </summary>
    public async Task<Answer> SendAsync(string query, string? variablesOrOperation, string? apiKey = null)
    {
        using var client = CreateClient();
        var body = new Dictionary<string, object?> { ["query"] = query };
        if (variablesOrOperation?.StartsWith('{') == true) body["variables"] = JsonDocument.Parse(variablesOrOperation).RootElement;
        else if (variablesOrOperation is not null) body["operationName"] = variablesOrOperation;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/graphql-response+json"));
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        using var response = await client.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A response as the client sees it: compared whole when two services must answer alike.</summary>
    public sealed record Answer(int Status, string? MediaType, string Body);

    /// <summary>POSTs a query that must succeed and returns its data.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        var (status, body) = await PostAsync(query, variables);
        Assert.True(body["errors"] is null, $"Unexpected errors: {body["errors"]?.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        return body["data"]!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folder.Dispose();
    }
}

/// <summary>One seeded service shared by the read-only tests of a class.</summary>
[CollectionDefinition(Name)]
public sealed class SeededApp : ICollectionFixture<CareerGraphApp>
{
    public const string Name = "Seeded service";
}
