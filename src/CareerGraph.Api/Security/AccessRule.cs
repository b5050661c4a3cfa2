using System.Runtime.CompilerServices;
using System.Security.Claims;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CareerGraph.Api.Security;

/// <summary>
/// Refuses, before anything executes, an operation that selects a field or type the caller may not use:
/// fields and types marked with a role need a caller with that role, and every operation needs an
/// authenticated caller when reads are protected. A refused operation changes nothing.
/// <para>
/// Which fields of an operation need a role depends on the document alone, so the walk that finds them is kept with
/// the operation: a document sent again is decided for its caller without a walk (<see cref="TryDecide"/>).
/// </para>
/// </summary>
internal sealed class AccessRule(AuthOptions auth) : ValidationRuleBase
{
    /// <summary>The fields of each operation walked so far that need a role, in document order; an entry goes with its document.</summary>
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, Guarded[]> _guarded = new();

    /// <summary>A field that needs a role: the field's own roles and its type's.</summary>
    private sealed record Guarded(string Field, string[] Roles);

    /// <summary>
    /// For an operation this rule walked before: true, with the error that refuses this caller, or null when the caller
    /// may run it. False when the operation was not walked yet (the rule then runs as usual).
    /// </summary>
    public bool TryDecide(GraphQLOperationDefinition operation, ClaimsPrincipal? user, out ValidationError? refusal)
    {
        refusal = Unauthenticated(user);
        if (refusal is not null) return true;
        if (!_guarded.TryGetValue(operation, out var guarded)) return false;
        foreach (var field in guarded)
            if (Refusal(field, user) is { } error)
            {
                refusal = error;
                break;
            }
        return true;
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var user = context.User;
        if (Unauthenticated(user) is { } unauthenticated)
        {
            context.ReportError(unauthenticated);
            return default;
        }

        var inSelectedOperation = true;
        var reported = false;
        var guarded = new List<Guarded>();
        return new ValueTask<INodeVisitor?>(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, ctx) => inSelectedOperation = operation == ctx.Operation),
            new MatchingNodeVisitor<GraphQLFragmentDefinition>((_, _) => inSelectedOperation = true),
            new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (!inSelectedOperation) return;
                var roles = (ctx.TypeInfo.GetFieldDef()?.GetRoles() ?? []).Concat(ctx.TypeInfo.GetParentType()?.GetRoles() ?? []).ToArray();
                if (roles.Length == 0) return;
                var guard = new Guarded(field.Name.StringValue, roles);
                guarded.Add(guard);
                if (reported || Refusal(guard, user) is not { } error) return;
                reported = true;
                ctx.ReportError(error);
            }),
            new MatchingNodeVisitor<GraphQLDocument>(leave: (_, ctx) => _guarded.AddOrUpdate(ctx.Operation, [.. guarded]))));
    }

    private ValidationError? Unauthenticated(ClaimsPrincipal? user) =>
        auth.RequireForReads && !user.IsAuthenticated()
            ? new ValidationError("This service only answers callers with a credential: send an API key in the X-Api-Key header or a bearer token.") { Code = ErrorCodes.Unauthenticated }
            : null;

    private static ValidationError? Refusal(Guarded field, ClaimsPrincipal? user)
    {
        if (field.Roles.All(role => role == Curators.Role && user.IsCurator())) return null;
        return user.IsAuthenticated()
            ? new ValidationError($"'{field.Field}' is for curators: the credential sent has no curator role.") { Code = ErrorCodes.Forbidden }
            : new ValidationError($"'{field.Field}' is for curators: send a curator API key in the X-Api-Key header, or a bearer token with the curator role.") { Code = ErrorCodes.Unauthenticated };
    }
}
