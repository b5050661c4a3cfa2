using CareerGraph.Api.GraphQL;
using GraphQL;

namespace CareerGraph.Api.Hosting;

public static class ApiRegistration
{
    public static IServiceCollection AddCareerGraphApi(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddScoped<GraphLoaders>();
        services.AddSingleton(typeof(CursorEdgeType<,>));
        services.AddGraphQL(graphql => graphql
            .AddSchema<CareerGraphSchema>()
            .AddGraphTypes(typeof(CareerGraphSchema).Assembly)
            .AddSystemTextJson()
            .AddExecutionStrategy<MutationExecutionStrategy>(GraphQLParser.AST.OperationType.Mutation)
            .UseTelemetry()
            .AddErrorInfoProvider(options =>
            {
                options.ExposeCode = true;
                options.ExposeCodes = false;
                options.ExposeData = true;
                options.ExposeExceptionDetails = environment.IsDevelopment();
            }));
        services.AddSingleton<Seeder>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }
}
