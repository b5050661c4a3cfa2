using GraphQL;
using GraphQL.Types;

namespace CareerGraph.Api.GraphQL;

public sealed class CareerGraphSchema : Schema
{
    public CareerGraphSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Description = "CareerGraph: careers, skills, industries and the paths between careers.";
        Query = query;
        Mutation = mutation;
        // Introspection is answered from memory: its fields cost a hundredth, so IDEs fit the cost limit while nesting abuse does not.
        this.WithIntrospectionComplexityImpact(0.01);
    }
}
