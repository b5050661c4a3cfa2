using CareerGraph.Api.Documents;
using CareerGraph.Api.Execution;
using CareerGraph.Api.Http;
using CareerGraph.Api.Live;
using CareerGraph.Api.Schema;
using CareerGraph.Api.Security;
using CareerGraph.Moves;
using CareerGraph.Paths;
using CareerGraph.Store;
using GraphQL;

namespace CareerGraph.Api.Hosting;

internal static class ApiRegistration
{
    public const string ExposeDetailsSetting = "CareerGraph:Errors:ExposeDetails";

    public static IServiceCollection AddCareerGraphApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Exception details (types, stack traces) are for a developer's own machine: only where configuration asks for them.
        var exposeDetails = configuration.GetValue<bool>(ExposeDetailsSetting);
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<LimitOptions>();
            return new CareerPaths(provider.GetRequiredService<ICareerGraphStore>(), new PathLimits(limits.MaxHops, limits.MaxPaths));
        });
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<LimitOptions>();
            return new CareerMoveAdvice(provider.GetRequiredService<ICareerGraphStore>(), new PathLimits(limits.MaxHops, limits.MaxPaths), limits.MaxPageSize);
        });
        services.AddSingleton(provider =>
            new CareerMatchAdvice(provider.GetRequiredService<ICareerGraphStore>(), provider.GetRequiredService<LimitOptions>().MaxPageSize));
        services.AddSingleton(typeof(CursorEdgeType<,>));
        // Queries of kept documents run from compiled plans unless configuration turns them off (docs/performance.md).
        var execution = configuration.GetSection(CompiledPlanOptions.Section).Get<CompiledPlanOptions>() ?? new();
        if (execution.CompiledPlans)
        {
            services.AddSingleton(provider => new CompiledQueryStrategy(provider.GetService<DocumentOptions>()?.MaxCachedLength ?? -1));
            services.AddGraphQL(graphql => graphql.AddExecutionStrategy(provider => provider.GetRequiredService<CompiledQueryStrategy>(), GraphQLParser.AST.OperationType.Query));
        }
        services.AddSingleton<GraphQLJson>();
        services.AddGraphQL(graphql => graphql
            .AddSchema<CareerGraphSchema>()
            .AddGraphTypes(typeof(CareerGraphSchema).Assembly)
            .AddSerializer(provider => provider.GetRequiredService<GraphQLJson>())
            .AddExecutionStrategy<MutationExecutionStrategy>(GraphQLParser.AST.OperationType.Mutation)
            .UseTelemetry()
            .UseMiddleware<InvalidRequestMiddleware>()
            .AddErrorInfoProvider(new PublicErrorInfoProvider(exposeDetails))
            .ConfigureExecutionOptions(options =>
            {
                // Resolvers find the execution's loaders in its user context: made once per execution, read as a
                // property per field (not looked up by name, nor in the request's scope: the store is all they need).
                if (options.RequestServices?.GetService<ICareerGraphStore>() is { } store) options.UserContext = new LoadersUserContext(options.UserContext, new GraphLoaders(store));
                var next = options.UnhandledExceptionDelegate;
                options.UnhandledExceptionDelegate = context =>
                {
                    // Answers carry no details of a fault (PublicErrorInfoProvider), so the log has them.
                    options.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("CareerGraph.Api.GraphQL")
                        .LogError(context.OriginalException, "Unexpected error in {Field}", context.FieldContext?.FieldDefinition.Name ?? "the operation");
                    return next(context);
                };
            }));
        services.AddSingleton<GraphChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<GraphChangeFeed>());
        services.AddSingleton<SubscriptionSlots>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<StartGate>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }
}
