using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CareerGraph.Neo4j;

public static class Neo4jRegistration
{
    /// <summary>
    /// Makes Neo4j the career graph store: the Query API client (IHttpClientFactory, with retries for what is safe to
    /// repeat), the store, and the schema applied at start-up. <paramref name="section"/> is "CareerGraph:Neo4j".
    /// </summary>
    public static IServiceCollection AddNeo4jGraphStore(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<Neo4jOptions>().Bind(section);
        services.AddSingleton<IValidateOptions<Neo4jOptions>, Neo4jOptionsValidation>();
        services.AddHttpClient(QueryApiClient.HttpClientName, (provider, http) =>
            {
                http.BaseAddress = provider.GetRequiredService<IOptions<Neo4jOptions>>().Value.BaseAddress;
                http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout in the resilience pipeline
            })
            .AddResilienceHandler("neo4j-query-api", (pipeline, context) =>
                QueryApiResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<Neo4jOptions>>().Value));
        services.AddSingleton<QueryApiClient>();
        services.AddSingleton(provider => new Neo4jGraphStore(
            provider.GetRequiredService<QueryApiClient>(), provider.GetRequiredService<IOptions<Neo4jOptions>>(), provider.GetService<ILogger<Neo4jGraphStore>>()));
        services.AddSingleton<ICareerGraphStore>(provider => provider.GetRequiredService<Neo4jGraphStore>());
        services.AddHostedService<SchemaAtStartup>();
        return services;
    }

    private sealed class Neo4jOptionsValidation : IValidateOptions<Neo4jOptions>
    {
        public ValidateOptionsResult Validate(string? name, Neo4jOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// Checks the server and applies graph/schema.cypher when the service starts. A Neo4j that cannot be reached, refuses
    /// the credentials or is older than 5.26 stops the start with a <see cref="Neo4jException"/> naming the address and
    /// version: a service that could never answer should not look as if it were starting.
    /// </summary>
    private sealed class SchemaAtStartup(Neo4jGraphStore store, IOptions<Neo4jOptions> options, ILogger<Neo4jGraphStore> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.EnsureSchemaAsync(cancellationToken);
            logger.LogInformation("Neo4j at {Uri} (database {Database}) answers; constraints and indexes are in place", options.Value.Uri, options.Value.Database);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
