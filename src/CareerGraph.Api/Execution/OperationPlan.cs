using System.Collections.Concurrent;
using System.Text.Json;
using CareerGraph.Api.Schema;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace CareerGraph.Api.Execution;

/// <summary>
/// The compiled form of one query operation: for each concrete object type a selection set meets, its fields merged
/// as the specification's CollectFields merges them (fragments, inline fragments, aliases), each with its field
/// definition and resolver. @skip and @include are decided per request from the variables: the operation keeps one
/// tree per combination of their outcomes (one when it has none). Built on first use and kept with the parsed
/// document; the trees grow lazily, type by type, as answers reach them.
/// </summary>
internal sealed class OperationPlan
{
    /// <summary>More @skip/@include-carrying selections than this and the operation runs on the general executor.</summary>
    public const int MaxConditions = 16;

    private readonly ASTNode[] _conditions;
    private readonly ConcurrentDictionary<int, SelectionPlan?> _roots = new();

    public OperationPlan(GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var conditions = new List<ASTNode>();
        FindConditions(operation.SelectionSet, conditions);
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>()) FindConditions(fragment.SelectionSet, conditions);
        _conditions = [.. conditions];
    }

    /// <summary>The root selection for this request's @skip/@include outcomes, or null when the plan does not cover the operation.</summary>
    public SelectionPlan? RootFor(CompiledQueryStrategy strategy, ExecutionContext context)
    {
        if (_conditions.Length > MaxConditions || context.Schema.Query is not { } query) return null;
        var outcomes = 0;
        for (var i = 0; i < _conditions.Length; i++)
            if (strategy.Includes(context, _conditions[i])) outcomes |= 1 << i;
        if (_roots.TryGetValue(outcomes, out var root)) return root;
        root = SelectionPlan.Build(strategy, context, query, context.Operation.SelectionSet);
        // Introspection (__schema, __type) is answered by the general executor; __typename is not introspection here.
        if (root.Fields.Any(f => f.Definition == context.Schema.SchemaMetaFieldType || f.Definition == context.Schema.TypeMetaFieldType)) root = null;
        return _roots.GetOrAdd(outcomes, root);
    }

    private static void FindConditions(GraphQLSelectionSet? selectionSet, List<ASTNode> conditions)
    {
        if (selectionSet is null) return;
        foreach (var selection in selectionSet.Selections)
        {
            if (selection is IHasDirectivesNode { Directives.Count: > 0 }) conditions.Add(selection);
            if (selection is GraphQLField field) FindConditions(field.SelectionSet, conditions);
            else if (selection is GraphQLInlineFragment inline) FindConditions(inline.SelectionSet, conditions);
        }
    }
}

/// <summary>The merged fields of a selection set for one concrete object type, in answer order.</summary>
internal sealed class SelectionPlan(IObjectGraphType type, FieldPlan[] fields)
{
    public IObjectGraphType Type { get; } = type;
    public FieldPlan[] Fields { get; } = fields;

    /// <summary>The length of the last answer written from this selection as the root: the next one's buffer size.</summary>
    public int LastAnswerLength { get; set; }

    public static SelectionPlan Build(CompiledQueryStrategy strategy, ExecutionContext context, IObjectGraphType type, GraphQLSelectionSet selectionSet)
    {
        var collected = strategy.Collect(context, type, selectionSet);
        var fields = new FieldPlan[collected.Count];
        var i = 0;
        foreach (var (key, (field, definition)) in collected)
        {
            // A response key met twice is merged into a new field node; this request's argument values are filed
            // under the document's own node, which later requests find too.
            var documentField = strategy.FirstField(context, type, selectionSet, key) ?? field;
            fields[i++] = new FieldPlan(key, field, documentField, definition, definition == context.Schema.TypeNameMetaFieldType);
        }
        return new SelectionPlan(type, fields);
    }
}

/// <summary>One field of a <see cref="SelectionPlan"/>: its response key, definition and resolver, and the selections below it per object type.</summary>
internal sealed class FieldPlan(string key, GraphQLField field, GraphQLField documentField, FieldType definition, bool isTypename)
{
    private readonly Lock _gate = new();
    private (IObjectGraphType Type, SelectionPlan Plan)[] _selections = [];

    /// <summary>The response key, encoded once for the writer.</summary>
    public JsonEncodedText Key { get; } = JsonEncodedText.Encode(key);

    /// <summary>The field as collected (merged when its key appears more than once): its selection set is the one to answer.</summary>
    public GraphQLField Field { get; } = field;

    /// <summary>The field's node in the document, under which validation filed this request's argument and directive values.</summary>
    public GraphQLField DocumentField { get; } = documentField;

    public FieldType Definition { get; } = definition;
    public IGraphType Type { get; } = definition.ResolvedType!;
    public IFieldResolver Resolver { get; } = definition.Resolver ?? NameFieldResolver.Instance;

    /// <summary>The field's value read from its source alone (<see cref="SourceReads"/>), or null when its resolver must run.</summary>
    public Func<object?, object?>? Read { get; } = SourceReads.ReadOf(definition);

    public bool IsTypename { get; } = isTypename;

    /// <summary>The selection below this field for an object of the given type, built the first time an answer needs it.</summary>
    public SelectionPlan SelectionFor(CompiledQueryStrategy strategy, ExecutionContext context, IObjectGraphType type)
    {
        foreach (var (known, plan) in Volatile.Read(ref _selections))
            if (known == type) return plan;
        lock (_gate)
        {
            foreach (var (known, plan) in _selections)
                if (known == type) return plan;
            var built = SelectionPlan.Build(strategy, context, type, Field.SelectionSet!);
            Volatile.Write(ref _selections, [.. _selections, (type, built)]);
            return built;
        }
    }
}
