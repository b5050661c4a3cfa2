using CareerGraph.Neo4j;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Tests.Neo4j;

/// <summary>The Neo4j store wired as the service wires it (options, HttpClientFactory, resilience), against any address.</summary>
public static class Neo4jTestServices
{
    public const string User = "neo4j";
    public const string Password = "test-password";

    public static ServiceProvider Create(Uri uri, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Uri"] = uri.ToString(),
            ["User"] = User,
            ["Password"] = Password,
            ["RetryDelay"] = "00:00:00.010",
            ["AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNeo4jGraphStore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    public static Neo4jGraphStore Store(this ServiceProvider services) => services.GetRequiredService<Neo4jGraphStore>();
}
