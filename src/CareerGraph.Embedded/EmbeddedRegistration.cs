using CareerGraph.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CareerGraph.Embedded;

public static class EmbeddedRegistration
{
    /// <summary>Makes the embedded store (a SQLite file and its in-memory index) the career graph store.</summary>
    public static IServiceCollection AddEmbeddedGraphStore(this IServiceCollection services, EmbeddedOptions options) =>
        services.AddSingleton<ICareerGraphStore>(_ => SqliteGraphStore.Open(options.ResolvedPath));
}
