using CareerGraph.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Embedded;

public static class EmbeddedRegistration
{
    /// <summary>
    /// Makes the embedded store (a SQLite file and its in-memory index) the career graph store, and the one that says
    /// when a change has committed (also when the store is reached through a decorator, such as telemetry's). The store
    /// opens its file and begins loading its graph in the background (<see cref="SqliteGraphStore.Loaded"/>) from the moment
    /// it is registered, on the thread pool, so that the load goes on while the rest of a service is registered and
    /// built; the container that resolves it disposes of it. Register it only in a container that will be built.
    /// </summary>
    public static IServiceCollection AddEmbeddedGraphStore(this IServiceCollection services, EmbeddedOptions options)
    {
        var opening = Task.Run(() => SqliteGraphStore.Open(options.ResolvedPath, options.FollowEvery, options.CompactAbove, options.SnapshotFile, loadInBackground: true));
        return services.AddSingleton(_ => opening.GetAwaiter().GetResult())
            .AddSingleton<ICareerGraphStore>(provider => provider.GetRequiredService<SqliteGraphStore>())
            .AddSingleton<IChangeNotifier>(provider => provider.GetRequiredService<SqliteGraphStore>());
    }
}
