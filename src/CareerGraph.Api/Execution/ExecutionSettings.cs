using CareerGraph.Api.Schema;
using CareerGraph.Api.Security;
using CareerGraph.Store;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;

namespace CareerGraph.Api.Execution;

/// <summary>
/// What every execution is given: its loaders, the time it may take, and where an unexpected fault is logged. One step,
/// passed on without an asynchronous method of its own: GraphQL.NET wraps each configured step in one, which every
/// request pays for (docs/performance.md, "Fewer steps per request").
/// </summary>
internal sealed class ExecutionSettings(ICareerGraphStore store, LimitOptions limits, ILoggerFactory loggers) : IConfigureExecution
{
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(limits.TimeoutSeconds);
    private readonly ILogger _log = loggers.CreateLogger("CareerGraph.Api.GraphQL");

    // Where GraphQL.NET sorts the steps that set options (before the document cache's 200).
    public float SortOrder => 100;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        // Resolvers find the execution's loaders in its user context: made once per execution, read as a property per
        // field (not looked up by name, nor in the request's scope: the store is all they need).
        options.UserContext = new LoadersUserContext(options.UserContext, new GraphLoaders(store));
        options.Timeout = _timeout;
        options.TimeoutAction = TimeoutAction.ReturnTimeoutError;
        options.UnhandledExceptionDelegate = LogFaultAsync;
        return next(options);
    }

    /// <summary>Answers carry no details of a fault (<see cref="PublicErrorInfoProvider"/>), so the log has them.</summary>
    private Task LogFaultAsync(UnhandledExceptionContext context)
    {
        _log.LogError(context.OriginalException, "Unexpected error in {Field}", context.FieldContext?.FieldDefinition.Name ?? "the operation");
        return Task.CompletedTask;
    }
}
