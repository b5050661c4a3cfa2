using CareerGraph.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Embedded;

public static class EmbeddedRegistration
{
    /// <summary>
    /// Makes the embedded store (a SQLite file and its in-memory index) the career graph store, and the one that says
    /// when a change has committed (also when the store is reached through a decorator, such as telemetry's). The store
    /// loads its graph in the background from the moment it is first asked for (<see cref="SqliteGraphStore.Loaded"/>).
    /// </summary>
    public static IServiceCollection AddEmbeddedGraphStore(this IServiceCollection services, EmbeddedOptions options) =>
        services.AddSingleton(_ => SqliteGraphStore.Open(options.ResolvedPath, options.FollowEvery, options.CompactAbove, options.SnapshotFile, loadInBackground: true))
            .AddSingleton<ICareerGraphStore>(provider => provider.GetRequiredService<SqliteGraphStore>())
            .AddSingleton<IChangeNotifier>(provider => provider.GetRequiredService<SqliteGraphStore>());
}
