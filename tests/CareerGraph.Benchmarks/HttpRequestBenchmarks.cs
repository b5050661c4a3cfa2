using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CareerGraph.Benchmarks;

/// <summary>
/// One POST /graphql of the load test (tests/load) through the service's whole middleware pipeline and endpoint, in
/// memory (ASP.NET Core's test server: no sockets, so the figures are the service's own work): the body read, the
/// request executed from its compiled plan, the answer written. The seeded embedded store, the answer cache off.
/// </summary>
[MemoryDiagnoser]
public class HttpRequestBenchmarks
{
    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["career"] = """{"query":"{ career(id: \"machine-learning-engineer\") { name skills { importance skill { name } } seeAlso { weight career { name } } } }"}""",
        ["path"] = """{"query":"{ path(from: \"ML Engineer\", to: \"Cloud Engineer\") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }"}""",
        ["search"] = """{"query":"{ search(text: \"cloud enginer\", first: 10) { node { id name } matched score } }"}""",
        ["search with a variable"] = """{"query":"query Search($text: String!) { search(text: $text, first: 10) { node { id name } matched score } }","variables":{"text":"python"}}""",
    };

    private Service _service = null!;
    private HttpClient _client = null!;
    private byte[] _body = null!;

    [Params("career", "path", "search", "search with a variable")]
    public string Query { get; set; } = "search";

    [GlobalSetup]
    public void Setup()
    {
        _service = new Service();
        _client = _service.CreateClient();
        _body = Encoding.UTF8.GetBytes(Bodies[Query]);
        var answer = Post().GetAwaiter().GetResult();
        if (!answer.Contains("\"data\":{", StringComparison.Ordinal) || answer.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"The {Query} query was not answered: {answer}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _service.Dispose();
    }

    [Benchmark(Description = "POST /graphql")]
    public Task<string> Post() => PostAsync();

    private async Task<string> PostAsync()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync("/graphql", content);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The service; any type of its assembly names it to the factory (its Program clashes with this project's).</summary>
    private sealed class Service : WebApplicationFactory<CareerGraph.Api.Hosting.PipelineWarmUp>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("careergraph-http-bench").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("CareerGraph:Embedded:Path", Path.Combine(_folder, "bench.db"));
            builder.UseSetting("CareerGraph:ResponseCache:Enabled", "false");
            builder.UseSetting("CareerGraph:Limits:RateLimit:PermitLimit", "0");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Directory.Delete(_folder, recursive: true);
        }
    }
}
