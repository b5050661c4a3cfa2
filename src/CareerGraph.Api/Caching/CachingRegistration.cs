using CareerGraph.Store;

namespace CareerGraph.Api.Caching;

internal static class CachingRegistration
{
    /// <summary>The answer cache (used by the HTTP endpoint) and the graph's version it is keyed by (mutations note their writes: <see cref="Schema.MutationExecutionStrategy"/>).</summary>
    public static IServiceCollection AddCareerGraphResponseCache(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ResponseCacheOptions.Section).Get<ResponseCacheOptions>() ?? new();
        if (options.MaxBytes < 1 || options.MaxAnswerBytes < 0 || options.SharedStoreSeconds < 0)
            throw new InvalidOperationException($"{ResponseCacheOptions.Section}:MaxBytes must be at least 1, and MaxAnswerBytes and SharedStoreSeconds at least 0.");
        services.AddSingleton(options);
        services.AddSingleton(provider => GraphVersion.Of(provider.GetRequiredService<ICareerGraphStore>()));
        services.AddSingleton<ResponseCache>();
        return services;
    }
}
