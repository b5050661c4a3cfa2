using CareerGraph.Neo4j;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    /// <summary>The whole service on the Neo4j store at <paramref name="uri"/>, in production, without seeds, with <paramref name="settings"/> besides.</summary>
    public static WebApplicationFactory<Program> Service(string uri, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production")
                .UseSetting("CareerGraph:Store", "Neo4j")
                .UseSetting("CareerGraph:Neo4j:Uri", uri)
                .UseSetting("CareerGraph:Neo4j:User", User)
                .UseSetting("CareerGraph:Neo4j:Password", Password)
                .UseSetting("CareerGraph:Neo4j:RetryDelay", "00:00:00.010")
                .UseSetting("CareerGraph:Seeds:LoadOnStart", "false");
            foreach (var (key, value) in settings) host.UseSetting(key, value);
        });
}
