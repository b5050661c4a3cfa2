using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CareerGraph.Api.Documents;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A document sent over HTTP is parsed once per request: the endpoint parses a new document to tell its operation's
/// kind (a subscription or a mutation over GET is refused before it runs), and hands that parse to the executer.
/// </summary>
public sealed class DocumentParsingTests
{
    private sealed class CountingBuilder : IDocumentBuilder
    {
        private readonly DepthCheckedDocumentBuilder _inner = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public GraphQLDocument Build(string body)
        {
            Interlocked.Increment(ref _count);
            return _inner.Build(body);
        }
    }

    [Fact]
    public async Task A_new_document_is_parsed_once_and_one_sent_again_not_at_all()
    {
        var builder = new CountingBuilder();
        using var app = new CareerGraphApp();
        using var counted = app.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<IDocumentBuilder>(builder)));
        using var client = counted.CreateClient();
        async Task<string> NameAsync(string query)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["career"]!["name"]!.GetValue<string>();
        }

        Assert.Equal("MLOps Engineer", await NameAsync("{ career(id: \"mlops-engineer\") { name } }")); // starts the service
        var before = builder.Count;
        Assert.Equal("Cloud Engineer", await NameAsync("{ career(id: \"cloud-engineer\") { name } }"));
        Assert.Equal(before + 1, builder.Count);
        Assert.Equal("Cloud Engineer", await NameAsync("{ career(id: \"cloud-engineer\") { name } }"));
        Assert.Equal(before + 1, builder.Count);
    }
}
