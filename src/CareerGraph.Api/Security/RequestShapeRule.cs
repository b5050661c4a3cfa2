using GraphQL.Validation;
using GraphQLParser.AST;

namespace CareerGraph.Api.Security;

/// <summary>
/// Limits what one document may ask for, counted as written: field selections, aliased fields, and
/// (when introspection is off) __schema and __type. Depth and cost are the complexity analyzer's.
/// </summary>
public sealed class RequestShapeRule(LimitOptions limits) : ValidationRuleBase
{
    public const string TooManyFields = "TOO_MANY_FIELDS";
    public const string TooManyAliases = "TOO_MANY_ALIASES";
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var (fields, aliases) = (0, 0);
        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>(
            enter: (field, ctx) =>
            {
                fields++;
                if (field.Alias is not null) aliases++;
                var name = field.Name.StringValue;
                if (!limits.Introspection && name is "__schema" or "__type")
                    ReportOnce(ctx, IntrospectionDisabled, $"Introspection ('{name}') is turned off on this service; read the published schema.graphql instead.");
                if (fields > limits.MaxFields)
                    ReportOnce(ctx, TooManyFields, $"The document selects more than {limits.MaxFields} fields; split it into smaller requests.");
                if (aliases > limits.MaxAliases)
                    ReportOnce(ctx, TooManyAliases, $"The document uses more than {limits.MaxAliases} aliases; split it into smaller requests.");
            }));
    }

    private static void ReportOnce(ValidationContext context, string code, string message)
    {
        if (!context.Errors.Any(e => e.Code == code)) context.ReportError(new ValidationError(message) { Code = code });
    }
}
