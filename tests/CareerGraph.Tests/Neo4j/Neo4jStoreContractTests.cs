using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;
using CareerGraph.Tests.Contract;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CareerGraph.Tests.Neo4j;

/// <summary>
/// The backend contract, run against a real Neo4j: the one NEO4J_URI names (with NEO4J_USER and NEO4J_PASSWORD), else a
/// throwaway container of the image docker-compose.yml runs (one Neo4j version everywhere) when Docker is available. Without either, every test is skipped and says why.
/// The database is emptied before each test.
/// </summary>
public sealed class Neo4jStoreContractTests(RealNeo4j neo4j) : StoreContract, IClassFixture<RealNeo4j>, IDisposable
{
    private ServiceProvider? _services;

    protected override async Task<ICareerGraphStore> CreateEmptyStoreAsync()
    {
        Skip.If(neo4j.SkipReason is not null, neo4j.SkipReason);
        _services ??= Neo4jTestServices.Create(neo4j.Uri!, new Dictionary<string, string?>
        {
            ["User"] = neo4j.User,
            ["Password"] = neo4j.Password,
            ["RetryDelay"] = "00:00:00.200",
        });
        var store = _services.Store();
        await store.EnsureSchemaAsync();
        var clear = new CypherStatement("graph/maintenance/clear-graph.cypher", CypherFilesOnDisk.Text("graph/maintenance/clear-graph.cypher"));
        await _services.GetRequiredService<QueryApiClient>().RunAsync(clear);
        return store;
    }

    public void Dispose() => _services?.Dispose();
}

/// <summary>Where a real Neo4j is for the contract tests, or why there is none.</summary>
public sealed class RealNeo4j(IMessageSink diagnostics) : IAsyncLifetime
{
    private const string ContainerPassword = "contract-test-password";
    private IContainer? _container;

    public Uri? Uri { get; private set; }
    public string User { get; private set; } = "neo4j";
    public string Password { get; private set; } = "";
    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        await FindAsync();
        // Said once for the whole class, so the reason shows in `dotnet test` output at the default verbosity too.
        diagnostics.OnMessage(new DiagnosticMessage(SkipReason is null
            ? $"Neo4j contract tests run against {Uri}."
            : $"Neo4j contract tests skipped: {SkipReason}"));
    }

    private async Task FindAsync()
    {
        if (Environment.GetEnvironmentVariable("NEO4J_URI") is { Length: > 0 } address)
        {
            if (!System.Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                SkipReason = $"NEO4J_URI is '{address}'; set it to Neo4j's HTTP address (e.g. http://localhost:7474): the store uses the Query API, not Bolt.";
                return;
            }
            (Uri, User, Password) = (uri, Environment.GetEnvironmentVariable("NEO4J_USER") ?? "neo4j", Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "");
            return;
        }
        if (!DockerIsAvailable())
        {
            SkipReason = "No Neo4j to run the contract against: set NEO4J_URI (HTTP address, e.g. http://localhost:7474) with NEO4J_USER and " +
                         $"NEO4J_PASSWORD, or make Docker available for a throwaway {Neo4jImage.FromCompose()} container.";
            return;
        }
        try
        {
            _container = new ContainerBuilder(Neo4jImage.FromCompose())
                .WithEnvironment("NEO4J_AUTH", $"neo4j/{ContainerPassword}")
                .WithPortBinding(7474, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(7474).ForPath("/")))
                .Build();
            await _container.StartAsync();
            (Uri, User, Password) = (new UriBuilder("http", _container.Hostname, _container.GetMappedPublicPort(7474)).Uri, "neo4j", ContainerPassword);
        }
        catch (Exception e)
        {
            SkipReason = $"Docker is there but a {Neo4jImage.FromCompose()} container did not start: {e.Message}";
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }

    private static bool DockerIsAvailable() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");
}
