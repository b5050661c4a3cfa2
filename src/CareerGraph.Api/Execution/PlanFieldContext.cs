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
/// The plan keeps no paths, parents or sub-field maps (no resolver here reads them). Kept with its run for the
/// thread's next run, so the request's parts are read from the run.
/// </summary>
internal sealed class PlanFieldContext(PlanExecution run) : IResolveFieldContext<object?>
{
    public object? Source { get; set; }
    public GraphQLField FieldAst { get; set; } = null!;
    public FieldType FieldDefinition { get; set; } = null!;
    public IObjectGraphType ParentType { get; set; } = null!;
    public IDictionary<string, ArgumentValue>? Arguments { get; set; }
    public IDictionary<string, DirectiveInfo>? Directives { get; set; }

    private ExecutionContext Request => run.Context;

    public IResolveFieldContext? Parent => null;
    public object? RootValue => Request.RootValue;
    public ISchema Schema => Request.Schema;
    public GraphQLDocument Document => Request.Document;
    public GraphQLOperationDefinition Operation => Request.Operation;
    public Variables Variables => Request.Variables;
    public CancellationToken CancellationToken => Request.CancellationToken;
    public Metrics Metrics => Request.Metrics;
    public ExecutionErrors Errors => run.Errors;
    public IEnumerable<object> Path => [];
    public IEnumerable<object> ResponsePath => [];
    public Dictionary<string, (GraphQLField Field, FieldType FieldType)>? SubFields => null;
    public IReadOnlyDictionary<string, object?> InputExtensions => Request.InputExtensions;
    public IDictionary<string, object?> OutputExtensions => run.Extensions;
    public IServiceProvider? RequestServices => Request.RequestServices;
    public IExecutionArrayPool ArrayPool => Request;
    public ClaimsPrincipal? User => Request.User;
    public IExecutionContext ExecutionContext => Request;
    public IDictionary<string, object?> UserContext => Request.UserContext;

    /// <summary>Lets go of the field's parts, so that a kept context holds nothing of the request.</summary>
    public void Clear()
    {
        Source = null;
        Arguments = null;
        Directives = null;
    }
}
