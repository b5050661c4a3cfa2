using System.Security.Claims;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CareerGraph.Api.Execution;

/// <summary>
/// What a resolver sees of its field in a plan run: the field's own parts, set per field, and the request's, read from
/// the execution context. Smaller than GraphQL.NET's general context, as one is made for every field whose value
/// arrives later. Errors and extensions a resolver adds go to the run's own lists (see <see cref="PlanExecution"/>).
/// The plan keeps no paths, parents or sub-field maps (no resolver here reads them).
/// </summary>
internal sealed class PlanFieldContext(ExecutionContext context, ExecutionErrors errors, IDictionary<string, object?> extensions) : IResolveFieldContext<object?>
{
    public object? Source { get; set; }
    public GraphQLField FieldAst { get; set; } = null!;
    public FieldType FieldDefinition { get; set; } = null!;
    public IObjectGraphType ParentType { get; set; } = null!;
    public IDictionary<string, ArgumentValue>? Arguments { get; set; }
    public IDictionary<string, DirectiveInfo>? Directives { get; set; }

    public IResolveFieldContext? Parent => null;
    public object? RootValue => context.RootValue;
    public ISchema Schema => context.Schema;
    public GraphQLDocument Document => context.Document;
    public GraphQLOperationDefinition Operation => context.Operation;
    public Variables Variables => context.Variables;
    public CancellationToken CancellationToken => context.CancellationToken;
    public Metrics Metrics => context.Metrics;
    public ExecutionErrors Errors => errors;
    public IEnumerable<object> Path => [];
    public IEnumerable<object> ResponsePath => [];
    public Dictionary<string, (GraphQLField Field, FieldType FieldType)>? SubFields => null;
    public IReadOnlyDictionary<string, object?> InputExtensions => context.InputExtensions;
    public IDictionary<string, object?> OutputExtensions => extensions;
    public IServiceProvider? RequestServices => context.RequestServices;
    public IExecutionArrayPool ArrayPool => context;
    public ClaimsPrincipal? User => context.User;
    public IExecutionContext ExecutionContext => context;
    public IDictionary<string, object?> UserContext => context.UserContext;
}
