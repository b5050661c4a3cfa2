using System.Collections;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CareerGraph.Api.Execution;

/// <summary>
/// One run of a plan for one request. Fields are resolved in the general executor's order: every field whose value
/// is at hand, level after level, before any batched load completes, then the batched loads together (so
/// <c>GraphLoaders</c> still makes one store call per kind of data per level, and on Neo4j the calls of a level run
/// at once), then the fields below them. Values are kept in a light tree (an array per object) and written as JSON
/// at the end. Any error, or anything the plan does not cover, ends the run with null: the caller then runs the
/// general executor.
/// </summary>
internal sealed class PlanExecution
{
    private readonly CompiledQueryStrategy _strategy;
    private readonly ExecutionContext _context;
    private readonly Queue<ObjectValue> _objects = new();
    private readonly List<Awaited> _running = [];
    private readonly List<Loading> _loading = [];
    private readonly ExecutionErrors _errors = [];
    private readonly Dictionary<string, object?> _extensions = [];
    private PlanFieldContext? _reusable;

    private PlanExecution(CompiledQueryStrategy strategy, ExecutionContext context)
    {
        _strategy = strategy;
        _context = context;
    }

    /// <summary>The answer's data as JSON, or null when the general executor must answer.</summary>
    public static async Task<CompiledAnswer?> RunAsync(CompiledQueryStrategy strategy, ExecutionContext context, SelectionPlan root)
    {
        var run = new PlanExecution(strategy, context);
        try
        {
            var data = new ObjectValue(root, context.RootValue);
            run._objects.Enqueue(data);
            await run.ResolveAllAsync();
            // A resolver that reported an error or an extension without throwing: the general executor answers with them.
            if (run._errors.Count > 0 || run._extensions.Count > 0) return null;
            return CompiledAnswer.Write(data);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception)
        {
            // A field error, a null where the type forbids one, or a shape the plan does not cover.
            return null;
        }
    }

    private async Task ResolveAllAsync()
    {
        while (_objects.Count > 0 || _running.Count > 0 || _loading.Count > 0)
        {
            while (_objects.Count > 0 || _running.Count > 0)
            {
                while (_objects.TryDequeue(out var value)) ResolveFields(value);
                if (_running.Count == 0) break;
                var running = _running.ToArray();
                _running.Clear();
                foreach (var field in running) Accept(field.Object, field.Index, await field.Task);
            }
            if (_loading.Count == 0) continue;
            // Start every batched load of the level before waiting for any, as the general executor does.
            var loading = _loading.ToArray();
            _loading.Clear();
            var results = new Task<object?>[loading.Length];
            for (var i = 0; i < loading.Length; i++) results[i] = loading[i].Result.GetResultAsync(_context.CancellationToken);
            for (var i = 0; i < loading.Length; i++) Accept(loading[i].Object, loading[i].Index, results[i].IsCompletedSuccessfully ? results[i].Result : await results[i]);
        }
    }

    private void ResolveFields(ObjectValue value)
    {
        _context.CancellationToken.ThrowIfCancellationRequested();
        var fields = value.Plan.Fields;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.IsTypename)
            {
                value.Values[i] = value.Plan.Type.Name;
                continue;
            }
            var resolveContext = _reusable ?? NewResolveContext();
            _reusable = null;
            resolveContext.Source = value.Source;
            resolveContext.FieldAst = field.Field;
            resolveContext.FieldDefinition = field.Definition;
            resolveContext.ParentType = value.Plan.Type;
            resolveContext.Arguments = _context.GetArguments(field.Definition, field.DocumentField);
            resolveContext.Directives = _context.GetDirectives(field.DocumentField);
            var resolved = field.Resolver.ResolveAsync(resolveContext);
            if (!resolved.IsCompletedSuccessfully)
            {
                _running.Add(new Awaited(value, i, resolved.AsTask()));
                continue;
            }
            var result = resolved.Result;
            // As the general executor does: a context is used again only when nothing that outlives the call holds it.
            if (result is not IDataLoaderResult && (result is not IEnumerable || result is string)) _reusable = resolveContext;
            Accept(value, i, result);
        }
    }

    private void Accept(ObjectValue value, int index, object? result)
    {
        if (result is IDataLoaderResult loading)
            _loading.Add(new Loading(value, index, loading));
        else
            value.Values[index] = Complete(result, value.Plan.Fields[index].Type, value.Plan.Fields[index]);
    }

    /// <summary>The value as the answer holds it; what the general executor would answer with an error throws instead.</summary>
    private object? Complete(object? result, IGraphType type, FieldPlan field)
    {
        var nonNull = type is NonNullGraphType;
        if (type is NonNullGraphType wrapped) type = wrapped.ResolvedType!;
        if (type is ScalarGraphType scalar)
        {
            var serialised = scalar.Serialize(result);
            return serialised is null
                ? nonNull ? throw new PlanNotApplicable("null for a non-null type") : null
                : serialised is string or bool or int or long or double or decimal ? serialised : throw new PlanNotApplicable($"a {serialised.GetType()} scalar");
        }
        if (result is null) return nonNull ? throw new PlanNotApplicable("null for a non-null type") : null;
        switch (type)
        {
            case ListGraphType list when result is IEnumerable items && result is not string:
                var values = result is ICollection collection ? new List<object?>(collection.Count) : [];
                foreach (var item in items)
                    values.Add(item is IDataLoaderResult ? throw new PlanNotApplicable("a batched list item") : Complete(item, list.ResolvedType!, field));
                return new ListValue(values);
            case IObjectGraphType objectType:
                return Enqueue(objectType, result, field);
            case IAbstractGraphType abstractType:
                var concrete = abstractType.GetObjectType(result, _context.Schema);
                return concrete is not null && abstractType.IsPossibleType(concrete)
                    ? Enqueue(concrete, result, field)
                    : throw new PlanNotApplicable($"no object type of {abstractType.Name} for the value");
            default:
                throw new PlanNotApplicable($"a value of {type}");
        }
    }

    private ObjectValue Enqueue(IObjectGraphType type, object result, FieldPlan field)
    {
        if (type.IsTypeOf is { } isTypeOf && !type.SkipTypeCheck && !isTypeOf(result)) throw new PlanNotApplicable($"a value {type.Name} does not accept");
        var value = new ObjectValue(field.SelectionFor(_strategy, _context, type), result);
        _objects.Enqueue(value);
        return value;
    }

    /// <summary>One context per field that may keep it (a batched load or a lazy sequence may read it later), else one for the run.</summary>
    private PlanFieldContext NewResolveContext() => new(_context, _errors, _extensions);

    private readonly record struct Awaited(ObjectValue Object, int Index, Task<object?> Task);

    private readonly record struct Loading(ObjectValue Object, int Index, IDataLoaderResult Result);
}

/// <summary>What the plan does not cover for this request: the general executor answers it.</summary>
internal sealed class PlanNotApplicable(string what) : Exception($"The compiled plan does not cover {what}.");

/// <summary>An object of the answer: its plan's fields' values, in order.</summary>
internal sealed class ObjectValue(SelectionPlan plan, object? source)
{
    public SelectionPlan Plan { get; } = plan;
    public object? Source { get; } = source;
    public object?[] Values { get; } = new object?[plan.Fields.Length];
}

/// <summary>A list of the answer.</summary>
internal sealed class ListValue(List<object?> items)
{
    public List<object?> Items { get; } = items;
}
