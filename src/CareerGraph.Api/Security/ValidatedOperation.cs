using System.Collections;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CareerGraph.Api.Security;

/// <summary>
/// What a request still needs once its operation has passed the rules that read the document alone: its variables
/// coerced, and its arguments and directives read with them. Where those are is found once, by a walk like GraphQL.NET's
/// own argument parser (the selected operation and each fragment it spreads, once); a request then only computes
/// values. A request out of the ordinary (a variable null where null is refused or missing without a default, an input
/// object, a value a scalar refuses) gets no answer here: GraphQL.NET's validator then runs and reports what it reports.
/// </summary>
internal sealed class ValidatedOperation
{
    private readonly (string Name, GraphQLVariableDefinition Definition, IGraphType Type, bool NullRefused)[] _variables;
    private readonly (GraphQLField Field, QueryArguments? Arguments)[] _arguments;
    private readonly IHasDirectivesNode[] _directives;

    /// <summary>Whether the values of a request without variables may serve every later one (<see cref="_withoutVariables"/>).</summary>
    private readonly bool _keepsValues;

    /// <summary>
    /// The values of a query without variables: they depend on the document alone, so the first request's serve every
    /// later one. A query's execution copies the outer dictionaries before it adds merged fields to them (GraphQL.NET's
    /// BuildExecutionContext, for every strategy but the serial one, which runs mutations), and only reads the rest.
    /// </summary>
    private IValidationResult? _withoutVariables;

    private ValidatedOperation((string, GraphQLVariableDefinition, IGraphType, bool)[] variables, (GraphQLField, QueryArguments?)[] arguments, IHasDirectivesNode[] directives, bool query)
    {
        _keepsValues = query && variables.Length == 0;
        _variables = variables;
        _arguments = arguments;
        _directives = directives;
    }

    /// <summary>The places of an operation that passed validation, or null when one of its variables' types is unknown.</summary>
    public static ValidatedOperation? Of(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        var variables = new List<(string, GraphQLVariableDefinition, IGraphType, bool)>();
        if (operation.Variables?.Count > 0)
        {
            // Where each variable is used: a nullable one used where null is refused (allowed there by a default) must not be null.
            var usages = new ValidationContext { Schema = schema, Document = document, Operation = operation }.GetRecursiveVariables(operation) ?? [];
            foreach (var definition in operation.Variables.Items)
            {
                if (definition.Type.GraphTypeFromType(schema) is not { } type) return null;
                var nullRefused = usages.Any(usage => usage.Node.Name == definition.Variable.Name && usage.Type is NonNullGraphType);
                variables.Add((definition.Variable.Name.StringValue, definition, type, nullRefused));
            }
        }
        var walk = new Walk(schema, document);
        walk.Operation(operation);
        return new ValidatedOperation([.. variables], [.. walk.Arguments], [.. walk.Directives], operation.Operation == OperationType.Query);
    }

    /// <summary>This request's variables, arguments and directive values, or null when GraphQL.NET's validator must decide.</summary>
    public IValidationResult? TryValidate(ISchema schema, GraphQLDocument document, Inputs inputs)
    {
        if (_withoutVariables is { } known) return known;
        try
        {
            var variables = Variables.None;
            if (_variables.Length > 0)
            {
                variables = new Variables();
                foreach (var (name, definition, type, nullRefused) in _variables)
                {
                    var variable = new Variable(name, definition);
                    if (inputs.TryGetValue(name, out var input))
                    {
                        if (input is null && nullRefused) return null;
                        variable.Value = Coerce(type, input);
                    }
                    else if (definition.DefaultValue is { } defaultValue)
                    {
                        variable.Value = ExecutionHelper.CoerceValue(type, defaultValue).Value;
                        variable.IsDefault = true;
                    }
                    else if (type is NonNullGraphType)
                    {
                        return null;
                    }
                    variables.Add(variable);
                }
            }

            Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments = null;
            foreach (var (field, definitions) in _arguments)
                if (ExecutionHelper.GetArguments(definitions, field.Arguments, variables, document, field, null) is { } values)
                    (arguments ??= []).Add(field, values);
            Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives = null;
            foreach (var node in _directives)
                if (ExecutionHelper.GetDirectives(node, variables, schema, document) is { } values)
                    (directives ??= []).Add((ASTNode)node, values);

            var result = new ValidationResult { Variables = variables, ArgumentValues = arguments, DirectiveValues = directives };
            if (_keepsValues) _withoutVariables = result;
            return result;
        }
        catch (Exception)
        {
            return null; // a value refused: GraphQL.NET's validator reports it as it does
        }
    }

    /// <summary>An input value as GraphQL.NET coerces a variable's value, for scalars and lists of them.</summary>
    private static object? Coerce(IGraphType type, object? value) => type switch
    {
        NonNullGraphType nonNull => value is null ? throw new NotSupportedException("null for a non-null type") : Coerce(nonNull.ResolvedType!, value),
        ListGraphType list => value switch
        {
            null => null,
            IList items when value is not string and not IDictionary<string, object?> => CoerceAll(list.ResolvedType!, items),
            IEnumerable and not string and not IDictionary<string, object?> => throw new NotSupportedException("a sequence that is not a list"),
            _ => new[] { Coerce(list.ResolvedType!, value) },
        },
        ScalarGraphType scalar => scalar.ParseValue(value),
        _ => throw new NotSupportedException($"a value of {type}"),
    };

    private static object?[] CoerceAll(IGraphType itemType, IList items)
    {
        var values = new object?[items.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Coerce(itemType, items[i]);
        return values;
    }

    /// <summary>
    /// The fields with arguments and the nodes with directives that GraphQL.NET's argument parser reads (its
    /// DocumentValidator.ParseArgumentVisitor), found in the same order with the same types in scope.
    /// </summary>
    private sealed class Walk(ISchema schema, GraphQLDocument document)
    {
        private readonly Stack<IComplexGraphType?> _types = new();
        private readonly HashSet<ROM> _visitedFragments = [];

        public List<(GraphQLField, QueryArguments?)> Arguments { get; } = [];
        public List<IHasDirectivesNode> Directives { get; } = [];

        private IComplexGraphType? Type => _types.Count > 0 ? _types.Peek() : null;

        public void Operation(GraphQLOperationDefinition operation)
        {
            Directed(operation);
            IComplexGraphType? root = operation.Operation switch
            {
                OperationType.Query => schema.Query,
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => null,
            };
            if (root is null) return;
            foreach (var variable in operation.Variables?.Items ?? []) Directed(variable);
            _types.Push(root);
            Selections(operation.SelectionSet);
            _types.Pop();
        }

        private void Directed(IHasDirectivesNode node)
        {
            if (node.Directives?.Count > 0) Directives.Add(node);
        }

        private void Selections(GraphQLSelectionSet? selectionSet)
        {
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field);
                        break;
                    case GraphQLInlineFragment inline:
                        Directed(inline);
                        Typed(inline.TypeCondition?.Type.Name.Value, inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread:
                        Directed(spread);
                        if (_visitedFragments.Add(spread.FragmentName.Name.Value) && document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment)
                        {
                            Directed(fragment);
                            Typed(fragment.TypeCondition.Type.Name.Value, fragment.SelectionSet);
                        }
                        break;
                }
            }
        }

        /// <summary>A fragment's selections: under its type condition when that names an object or interface.</summary>
        private void Typed(ROM? typeName, GraphQLSelectionSet selectionSet)
        {
            if (typeName is not { } name)
            {
                Selections(selectionSet);
                return;
            }
            switch (schema.AllTypes[name]?.GetNamedType())
            {
                case IComplexGraphType type:
                    _types.Push(type);
                    Selections(selectionSet);
                    _types.Pop();
                    break;
                case IAbstractGraphType:
                    // A union's fragments hold fragments of its concrete types, which push their own.
                    Selections(selectionSet);
                    break;
            }
        }

        private void Field(GraphQLField field)
        {
            Directed(field);
            var name = field.Name.Value;
            var definition =
                name == schema.TypeMetaFieldType.Name ? schema.TypeMetaFieldType :
                name == schema.TypeNameMetaFieldType.Name ? schema.TypeNameMetaFieldType :
                name == schema.SchemaMetaFieldType.Name ? schema.SchemaMetaFieldType :
                Type?.Fields.Find(name);
            if (definition is null) return;
            if (field.Arguments?.Count > 0) Arguments.Add((field, definition.Arguments));
            switch (definition.ResolvedType?.GetNamedType())
            {
                case IComplexGraphType type:
                    _types.Push(type);
                    Selections(field.SelectionSet);
                    _types.Pop();
                    break;
                case UnionGraphType:
                    Selections(field.SelectionSet);
                    break;
            }
        }
    }
}
