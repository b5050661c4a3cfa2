using CareerGraph.Api.Security;
using CareerGraph.Embedded;
using CareerGraph.Neo4j;

namespace CareerGraph.Api.Hosting;

/// <summary>Chooses the backend from configuration ("CareerGraph:Store"); the embedded store is the default.</summary>
internal static class StoreRegistration
{
    public static IServiceCollection AddCareerGraphStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(CareerGraphOptions.Section).Get<CareerGraphOptions>() ?? new();
        services.AddSingleton(options);
        switch (options.Store.Trim().ToLowerInvariant())
        {
            case "embedded":
                services.AddEmbeddedGraphStore(options.Embedded);
                services.AddHostedService<EmbeddedStoreStart>();
                break;
            case "neo4j":
                var limits = configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new();
                if (Neo4jGraphStore.LimitProblems(limits.MaxHops, limits.MaxNeighbourhoodDepth) is { Count: > 0 } problems)
                    throw new CannotStartException(string.Join(" ", problems));
                services.AddNeo4jGraphStore(configuration.GetSection(Neo4jOptions.Section));
                break;
            default:
                throw new CannotStartException(
                    $"CareerGraph:Store is '{options.Store}'; use 'Embedded' (the default, a file on this machine) or 'Neo4j' (configured under CareerGraph:Neo4j).");
        }
        return services;
    }

    /// <summary>Completes when the store has its graph: the embedded store's load (faulting with what stopped it); at once for Neo4j.</summary>
    public static Task LoadedAsync(IServiceProvider services) => services.GetService<SqliteGraphStore>()?.Loaded ?? Task.CompletedTask;
}

/// <summary>
/// The embedded store loads its graph in the background from the moment it is registered, while the host and the schema
/// are built; the service answers only once the load has ended (<see cref="StartGate"/>), and a load that fails stops the
/// start. The search index is built once the service has started (the gate open and the warm-up done), not while it
/// starts: on two cores the build would take half the processor from the start (seconds on a large graph). A search
/// before it is built waits for it.
/// </summary>
internal sealed class EmbeddedStoreStart(SqliteGraphStore store, StartGate gate, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => gate.Ready.ContinueWith(_ => store.BuildSearchInBackground(),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class CareerGraphOptions
{
    public const string Section = "CareerGraph";

    /// <summary>Which backend stores the graph: "Embedded" or "Neo4j".</summary>
    public string Store { get; set; } = "Embedded";

    public EmbeddedOptions Embedded { get; set; } = new();
    public SeedOptions Seeds { get; set; } = new();
}

internal sealed class SeedOptions
{
    /// <summary>Load the curated seeds on start when this version of them has not been loaded yet.</summary>
    public bool LoadOnStart { get; set; } = true;

    /// <summary>Folder with the seed files; empty means the seeds shipped beside the service.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "seeds") : Path;
}

/// <summary>A configuration the service cannot run with: the start stops with its message (exit code 1).</summary>
internal sealed class CannotStartException(string message) : Exception(message);
