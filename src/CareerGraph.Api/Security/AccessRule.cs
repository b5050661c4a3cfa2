using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CareerGraph.Api.Security;

/// <summary>
/// Refuses, before anything executes, an operation that selects a field or type the caller may not use:
/// fields and types marked with a role need a caller with that role, and every operation needs an
/// authenticated caller when reads are protected. A refused operation changes nothing.
/// </summary>
internal sealed class AccessRule(AuthOptions auth) : ValidationRuleBase
{

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var user = context.User;
        if (auth.RequireForReads && !user.IsAuthenticated())
        {
            context.ReportError(new ValidationError("This service only answers callers with a credential: send an API key in the X-Api-Key header or a bearer token.") { Code = ErrorCodes.Unauthenticated });
            return default;
        }

        var inSelectedOperation = true;
        var reported = false;
        return new ValueTask<INodeVisitor?>(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) => inSelectedOperation = operation == ctx.Operation),
            new MatchingNodeVisitor<GraphQLFragmentDefinition>((_, _) => inSelectedOperation = true),
            new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (!inSelectedOperation || reported) return;
                var roles = (ctx.TypeInfo.GetFieldDef()?.GetRoles() ?? []).Concat(ctx.TypeInfo.GetParentType()?.GetRoles() ?? []).ToList();
                if (roles.Count == 0 || roles.All(role => role == Curators.Role && user.IsCurator())) return;
                reported = true;
                ctx.ReportError(user.IsAuthenticated()
                    ? new ValidationError($"'{field.Name.StringValue}' is for curators: the credential sent has no curator role.") { Code = ErrorCodes.Forbidden }
                    : new ValidationError($"'{field.Name.StringValue}' is for curators: send a curator API key in the X-Api-Key header, or a bearer token with the curator role.") { Code = ErrorCodes.Unauthenticated });
            })));
    }
}
