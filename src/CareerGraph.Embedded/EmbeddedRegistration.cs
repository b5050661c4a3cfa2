using CareerGraph.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Embedded;

public static class EmbeddedRegistration
{
    /// <summary>
    /// Makes the embedded store (a SQLite file and its in-memory index) the career graph store, and the one that says
    /// when a change has committed (also when the store is reached through a decorator, such as telemetry's).
    /// </summary>
    public static IServiceCollection AddEmbeddedGraphStore(this IServiceCollection services, EmbeddedOptions options) =>
        services.AddSingleton(_ => SqliteGraphStore.Open(options.ResolvedPath, options.FollowEvery, options.CompactAbove, options.SnapshotFile))
            .AddSingleton<ICareerGraphStore>(provider => provider.GetRequiredService<SqliteGraphStore>())
            .AddSingleton<IChangeNotifier>(provider => provider.GetRequiredService<SqliteGraphStore>());
}
