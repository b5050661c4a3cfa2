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
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareerGraph.Api.Hosting;

internal static class ApiRegistration
{
    public const string ExposeDetailsSetting = "CareerGraph:Errors:ExposeDetails";

    /// <summary>
    /// The schema's graph types, named rather than found by GraphQL.NET's AddGraphTypes(assembly), which loads every type
    /// of the assembly (over 400) at each start, on the host's own path (docs/performance.md, "Start-up, thirteenth
    /// pass"). GraphTypeListTests holds this list to the graph types the assembly has.
    /// </summary>
    public static readonly Type[] GraphTypes =
    [
        typeof(AddEdgeInputType), typeof(AliasInputType), typeof(AliasPayloadType), typeof(AuditEntryType),
        typeof(AuditOperationType), typeof(CareerConnectionType), typeof(CareerFilterType), typeof(CareerMatchType),
        typeof(CareerMoveType), typeof(CareerPathType), typeof(CareerPayloadType), typeof(CareerType),
        typeof(ConnectionType<,>), typeof(CreateCareerInputType), typeof(CreateIndustryInputType),
        typeof(CreateSkillInputType), typeof(CursorEdgeType<,>), typeof(DeletePayloadType), typeof(EdgeKindType),
        typeof(EdgePayloadType), typeof(GraphChangeType), typeof(GraphEdgeType), typeof(GraphNodeType),
        typeof(GraphStatsType), typeof(IndustryConnectionType), typeof(IndustryFilterType),
        typeof(IndustryPayloadType), typeof(IndustryType), typeof(JobZoneChangeType), typeof(MergeCareersInputType),
        typeof(MergeCareersPayloadType), typeof(MutationType), typeof(NodeInterface), typeof(NodeKindType),
        typeof(PageInfoType), typeof(PathStepType), typeof(QueryType), typeof(RemoveEdgeInputType),
        typeof(SearchHitType), typeof(SeeAlsoType), typeof(SkillConnectionType), typeof(SkillFilterType),
        typeof(SkillGapType), typeof(SkillPayloadType), typeof(SkillRequirementType), typeof(SkillType),
        typeof(SkillUseType), typeof(SortOrderType), typeof(SubgraphType), typeof(SubscriptionType),
        typeof(UpdateCareerInputType), typeof(UpdateIndustryInputType), typeof(UpdateSkillInputType),
        typeof(UserErrorCodeType), typeof(UserErrorType)
    ];

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
            .AddSerializer(provider => provider.GetRequiredService<GraphQLJson>())
            .AddExecutionStrategy<MutationExecutionStrategy>(GraphQLParser.AST.OperationType.Mutation)
            .UseMiddleware<InvalidRequestMiddleware>()
            .AddErrorInfoProvider(new PublicErrorInfoProvider(exposeDetails))
            .ConfigureExecution(provider => provider.GetRequiredService<ExecutionSettings>()));
        services.AddSingleton<ExecutionSettings>();
        foreach (var type in GraphTypes) services.TryAdd(ServiceDescriptor.Transient(type, type)); // as AddGraphTypes registers them
        services.AddSingleton<GraphChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<GraphChangeFeed>());
        services.AddSingleton<SubscriptionSlots>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<StartGate>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }
}
