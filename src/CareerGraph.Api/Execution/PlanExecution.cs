using System.Collections;
using CareerGraph.Api.Schema;
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
    /// <summary>More objects or field contexts than this in one run and its lists are not kept for the next run.</summary>
    private const int MaxKept = 4096;

    /// <summary>
    /// A finished run of this thread, kept with its lists, objects and field contexts for the next run: a request
    /// then allocates little beyond its own data. Only a run that completed every field is kept (no resolver can
    /// still hold one of its contexts).
    /// </summary>
    [ThreadStatic] private static PlanExecution? t_idle;

    private CompiledQueryStrategy _strategy = null!;
    private ExecutionContext _context = null!;
    private readonly Queue<ObjectValue> _objects = new();
    private readonly List<Awaited> _running = [];
    private List<Loading> _loading = [];
    private List<Loading> _level = [];
    private readonly List<ValueTask<object?>> _results = [];
    private readonly List<ObjectValue> _values = [];
    private int _valuesUsed;
    private readonly List<PlanFieldContext> _resolveContexts = [];
    private int _resolveContextsUsed;

    /// <summary>The request being answered.</summary>
    public ExecutionContext Context => _context;

    /// <summary>Errors a resolver reported without throwing: the general executor then answers.</summary>
    public ExecutionErrors Errors { get; } = [];

    /// <summary>Extensions a resolver added: the general executor then answers.</summary>
    public Dictionary<string, object?> Extensions { get; } = [];

    /// <summary>The answer's data as JSON, or null when the general executor must answer.</summary>
    public static async Task<CompiledAnswer?> RunAsync(CompiledQueryStrategy strategy, ExecutionContext context, SelectionPlan root)
    {
        var run = t_idle ?? new PlanExecution();
        t_idle = null;
        run._strategy = strategy;
        run._context = context;
        try
        {
            var data = run.NewObject(root, context.RootValue);
            run._objects.Enqueue(data);
            await run.ResolveAllAsync();
            // A resolver that reported an error or an extension without throwing: the general executor answers with them.
            if (run.Errors.Count > 0 || run.Extensions.Count > 0) return null;
            var answer = CompiledAnswer.Write(data);
            run.Release();
            return answer;
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

    /// <summary>Keeps this completed run for the thread's next one, unless it grew too large to keep.</summary>
    private void Release()
    {
        if (_values.Count > MaxKept || _resolveContexts.Count > MaxKept) return;
        for (var i = 0; i < _valuesUsed; i++) _values[i].Clear();
        _valuesUsed = 0;
        for (var i = 0; i < _resolveContextsUsed; i++) _resolveContexts[i].Clear();
        _resolveContextsUsed = 0;
        _strategy = null!;
        _context = null!;
        t_idle = this;
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
            // Start every batched load of the level before waiting for any, as the general executor does. A value
            // whose batch is fetched (always, on the embedded store) is read at once, without a task.
            (_loading, _level) = (_level, _loading);
            _results.Clear();
            foreach (var field in _level)
                _results.Add(field.Result is IPending pending ? pending.ResolveAsync(_context.CancellationToken) : new(field.Result.GetResultAsync(_context.CancellationToken)));
            for (var i = 0; i < _level.Count; i++)
            {
                var result = _results[i];
                Accept(_level[i].Object, _level[i].Index, result.IsCompletedSuccessfully ? result.Result : await result);
            }
            _level.Clear();
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
            if (field.Read is { } read)
            {
                // A value read from the source alone needs no context, middleware or task.
                value.Values[i] = Complete(read(value.Source), field.Type, field);
                continue;
            }
            var resolveContext = NextResolveContext();
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
            if (result is not IDataLoaderResult && (result is not IEnumerable || result is string)) _resolveContextsUsed--;
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
        var value = NewObject(field.SelectionFor(_strategy, _context, type), result);
        _objects.Enqueue(value);
        return value;
    }

    /// <summary>One context per field that may keep it (a batched load or a lazy sequence may read it later), else one for the run.</summary>
    private PlanFieldContext NextResolveContext()
    {
        if (_resolveContextsUsed == _resolveContexts.Count) _resolveContexts.Add(new PlanFieldContext(this));
        return _resolveContexts[_resolveContextsUsed++];
    }

    private ObjectValue NewObject(SelectionPlan plan, object? source)
    {
        if (_valuesUsed == _values.Count) _values.Add(new ObjectValue());
        var value = _values[_valuesUsed++];
        value.Reset(plan, source);
        return value;
    }

    private readonly record struct Awaited(ObjectValue Object, int Index, Task<object?> Task);

    private readonly record struct Loading(ObjectValue Object, int Index, IDataLoaderResult Result);
}

/// <summary>What the plan does not cover for this request: the general executor answers it.</summary>
internal sealed class PlanNotApplicable(string what) : Exception($"The compiled plan does not cover {what}.");

/// <summary>An object of the answer: its plan's fields' values, in order (the array may be longer: kept from an earlier run).</summary>
internal sealed class ObjectValue
{
    public SelectionPlan Plan { get; private set; } = null!;
    public object? Source { get; private set; }
    public object?[] Values { get; private set; } = [];

    public void Reset(SelectionPlan plan, object? source)
    {
        Plan = plan;
        Source = source;
        if (Values.Length < plan.Fields.Length) Values = new object?[plan.Fields.Length];
    }

    /// <summary>Lets go of the answer's data, so that a kept object holds nothing of the request.</summary>
    public void Clear()
    {
        Array.Clear(Values, 0, Plan.Fields.Length);
        Source = null;
        Plan = null!;
    }
}

/// <summary>A list of the answer.</summary>
internal sealed class ListValue(List<object?> items)
{
    public List<object?> Items { get; } = items;
}
