using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

internal sealed class CareerGraphSchema : GraphQL.Types.Schema
{
    public CareerGraphSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription) : base(services)
    {
        Description = """
            CareerGraph: careers, skills, industries and the walks between careers, with the skills that carry over at each step.

            Arguments that take a career, skill or industry accept its id (a slug such as "mlops-engineer"), its name or an alias,
            case-insensitively. Errors a client can fix carry a stable code in extensions.code: NOT_FOUND (nothing has that id,
            name or alias), AMBIGUOUS_REFERENCE (an alias names several nodes; extensions.data.candidates lists them with their ids),
            INVALID_ARGUMENT (extensions.data.argument names the argument and the message gives the allowed range).
            """;
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        SpecIntrospection.Enable(this); // before anything below builds the introspection types
        // Introspection is answered from memory: its fields cost a hundredth, so IDEs fit the cost limit while nesting abuse does not.
        this.WithIntrospectionComplexityImpact(0.01);
    }

    protected override void OnBeforeInitializeType(IGraphType graphType) => SpecIntrospection.Extend(graphType);
}
