using GraphQL;

namespace CareerGraph.Api.Documents;

internal static class DocumentRegistration
{
    /// <summary>
    /// Automatic Persisted Queries (read by the HTTP endpoint), the parsed-document cache (an execution step) and the
    /// document builder that refuses a document too deep to parse as the client's error.
    /// </summary>
    public static IServiceCollection AddCareerGraphDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new();
        if (options.CacheEntries < 1 || options.MaxCachedLength < 0)
            throw new InvalidOperationException($"{DocumentOptions.Section}:CacheEntries must be at least 1 and MaxCachedLength at least 0.");
        services.AddSingleton(options);
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<ParsedDocumentCache>();
        services.AddGraphQL(graphql =>
        {
            graphql.ConfigureExecution(services => services.GetRequiredService<ParsedDocumentCache>());
            graphql.Services.Register<GraphQL.Execution.IDocumentBuilder, DepthCheckedDocumentBuilder>(GraphQL.DI.ServiceLifetime.Singleton, replace: true);
        });
        return services;
    }
}
