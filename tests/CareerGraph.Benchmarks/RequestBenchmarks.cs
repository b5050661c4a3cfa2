using BenchmarkDotNet.Attributes;
using CareerGraph.Api.Documents;
using CareerGraph.Api.Hosting;
using CareerGraph.Api.Security;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareerGraph.Benchmarks;

/// <summary>
/// One GraphQL request of the load test (tests/load) split into its steps, in-process on the seeded embedded store,
/// with the service's own registrations: parse, validate (every rule the endpoint runs, for a document validated
/// before: what a request of it still needs), execute (validation included,
/// the document already parsed, as for a document sent before) and serialise the result; with the query compiled
/// into a plan that writes its data as JSON (CareerGraph:Execution:CompiledPlans, the default) and without.
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    /// <summary>The documents of tests/load/load.mjs.</summary>
    private static readonly Dictionary<string, string> Documents = new()
    {
        ["career"] = """{ career(id: "machine-learning-engineer") { name skills { importance skill { name } } seeAlso { weight career { name } } } }""",
        ["path"] = """{ path(from: "ML Engineer", to: "Cloud Engineer") { hops steps { career { id name } via sharedWithPrevious { name } newSkills { name } } sharedSkills { name } } }""",
        ["search"] = """{ search(text: "cloud enginer", first: 10) { node { id name } matched score } }""",
    };

    private ServiceProvider _services = null!;
    private string _folder = null!;
    private IDocumentExecuter<ISchema> _executer = null!;
    private IDocumentValidator _validator = null!;
    private IGraphQLTextSerializer _serializer = null!;
    private ISchema _schema = null!;
    private IValidationRule[] _rules = null!;
    private string _query = null!;
    private GraphQLDocument _document = null!;
    private ExecutionResult _result = null!;

    [Params("career", "path", "search")]
    public string Query { get; set; } = "career";

    [Params(false, true)]
    public bool CompiledPlans { get; set; } = true;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("careergraph-request-bench").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CareerGraph:Embedded:Path"] = System.IO.Path.Combine(_folder, "bench.db"),
            ["CareerGraph:Execution:CompiledPlans"] = CompiledPlans ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddCareerGraphStore(configuration);
        services.AddCareerGraphApi(configuration);
        services.AddCareerGraphDocuments(configuration);
        services.AddCareerGraphSecurity(configuration);
        _services = services.BuildServiceProvider();
        _services.GetRequiredService<Seeder>().LoadAsync(SeedsFolder()).GetAwaiter().GetResult();

        _executer = _services.GetRequiredService<IDocumentExecuter<ISchema>>();
        _validator = _services.GetRequiredService<IDocumentValidator>();
        _serializer = _services.GetRequiredService<IGraphQLTextSerializer>();
        _schema = _services.GetRequiredService<ISchema>();
        _schema.Initialize();
        // The specification's rules, as a request has them; the service's validator adds its access rule to them.
        _rules = [.. DocumentValidator.CoreRules];
        _query = Documents[Query];
        _document = Parser.Parse(_query);
        _result = ExecuteAsync().GetAwaiter().GetResult();
        if (_result.Errors is { Count: > 0 } errors) throw new InvalidOperationException(errors[0].Message);
        if ((_result.Data is CareerGraph.Api.Execution.CompiledAnswer) != CompiledPlans)
            throw new InvalidOperationException($"The {Query} query was {(CompiledPlans ? "not " : "")}answered from a compiled plan.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "parse")]
    public GraphQLDocument Parse() => Parser.Parse(_query);

    [Benchmark(Description = "validate")]
    public async Task<IValidationResult> Validate()
    {
        await using var scope = _services.CreateAsyncScope();
        return await _validator.ValidateAsync(new ValidationOptions
        {
            Schema = _schema,
            Document = _document,
            Operation = _document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
            Rules = _rules,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            RequestServices = scope.ServiceProvider,
            User = new System.Security.Claims.ClaimsPrincipal(),
        });
    }

    [Benchmark(Description = "execute (with validation; document parsed before)")]
    public Task<ExecutionResult> Execute() => ExecuteAsync();

    [Benchmark(Description = "serialise")]
    public Task Serialise() => _serializer.WriteAsync(Stream.Null, _result);

    [Benchmark(Description = "whole request (execute + serialise)")]
    public async Task Whole() => await _serializer.WriteAsync(Stream.Null, await ExecuteAsync());

    private async Task<ExecutionResult> ExecuteAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await _executer.ExecuteAsync(options =>
        {
            options.Query = _query;
            options.RequestServices = scope.ServiceProvider;
            options.User = new System.Security.Claims.ClaimsPrincipal();
        });
    }

    /// <summary>The seeds travel beside the service's build, and so beside this one.</summary>
    private static string SeedsFolder() => System.IO.Path.Combine(AppContext.BaseDirectory, "seeds");
}
