using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace CareerGraph.Api.Security;

/// <summary>
/// What one document asks for, measured in time proportional to its text: fields, aliases, fragment spreads
/// and directives as written, and the selected operation's depth and estimated cost as it would run.
/// Every fragment is measured once and its result reused wherever it is spread, so a document whose
/// fragments spread each other many times over is measured as fast as it is read.
/// </summary>
internal sealed record DocumentShape(
    int Fields,
    int Aliases,
    int FragmentSpreads,
    int MostDirectivesOnOneLocation,
    IReadOnlyList<string> IntrospectionFields,
    bool PageSizeFromVariable,
    int Depth,
    double Cost)
{
    /// <summary>A list whose length no argument bounds counts this many times.</summary>
    public const double UnboundedListSize = 20;

    /// <summary>Introspection costs a hundredth, so that an IDE's full introspection query stays cheap.</summary>
    private const double IntrospectionImpact = 0.01;

    public static DocumentShape Measure(GraphQLDocument document, GraphQLOperationDefinition operation, ISchema schema, Inputs variables)
    {
        var written = new WrittenCounts();
        written.Visit(document);
        var (depth, cost) = new Estimate(document, schema, variables).OfOperation(operation);
        return new DocumentShape(written.Fields, written.Aliases, written.Spreads, written.MostDirectives, written.Introspection, written.PageSizeFromVariable, depth, cost);
    }

    /// <summary>Counts over the text once: every definition is read, nothing is expanded.</summary>
    private sealed class WrittenCounts
    {
        public int Fields, Aliases, Spreads, MostDirectives;

        /// <summary>Whether a <c>first</c> or <c>last</c> argument takes a variable: then the cost depends on the request.</summary>
        public bool PageSizeFromVariable;
        public List<string> Introspection { get; } = [];

        public void Visit(GraphQLDocument document)
        {
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLOperationDefinition operation:
                        Directives(operation.Directives);
                        foreach (var variable in operation.Variables?.Items ?? []) Directives(variable.Directives);
                        Visit(operation.SelectionSet);
                        break;
                    case GraphQLFragmentDefinition fragment:
                        Directives(fragment.Directives);
                        Visit(fragment.SelectionSet);
                        break;
                }
            }
        }

        private void Visit(GraphQLSelectionSet? set)
        {
            foreach (var selection in set?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField field:
                        Fields++;
                        if (field.Alias is not null) Aliases++;
                        if (field.Name.Value == "__schema" || field.Name.Value == "__type") Introspection.Add(field.Name.StringValue);
                        Directives(field.Directives);
                        foreach (var argument in field.Arguments?.Items ?? [])
                            if (argument.Value is GraphQLVariable && (argument.Name.Value == "first" || argument.Name.Value == "last")) PageSizeFromVariable = true;
                        Visit(field.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread:
                        Spreads++;
                        Directives(spread.Directives);
                        break;
                    case GraphQLInlineFragment inline:
                        Directives(inline.Directives);
                        Visit(inline.SelectionSet);
                        break;
                }
            }
        }

        private void Directives(GraphQLDirectives? directives) => MostDirectives = Math.Max(MostDirectives, directives?.Count ?? 0);
    }

    /// <summary>
    /// Depth and cost of the operation as GraphQL.NET's complexity analyser estimates them (one per field, a
    /// list's children times its <c>first</c>/<c>last</c>, or its connection's, or 20), but with each fragment
    /// measured once per page size it can inherit from a connection field, and reused.
    /// Unknown fields, types and fragments, and fragment cycles, count nothing: validation reports them.
    /// </summary>
    private sealed class Estimate(GraphQLDocument document, ISchema schema, Inputs variables)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());
        private readonly Dictionary<(string Fragment, int? PageSize), (int Depth, double Cost)> _measured = [];
        private readonly HashSet<string> _inProgress = [];

        public (int Depth, double Cost) OfOperation(GraphQLOperationDefinition operation)
        {
            IGraphType? root = operation.Operation switch
            {
                OperationType.Query => schema.Query,
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => null,
            };
            return root is null ? (0, 0) : OfSelections(operation.SelectionSet, root, connectionPageSize: null);
        }

        /// <summary>
        /// Depth counts selection sets (a set of leaves is 1); cost is per one instance of the parent.
        /// The page size of the enclosing connection field is the only outside fact a selection set's cost depends on.
        /// </summary>
        private (int Depth, double Cost) OfSelections(GraphQLSelectionSet set, IGraphType parent, int? connectionPageSize)
        {
            // A document may nest fragments far deeper than the parser nests text: refuse rather than overflow the stack.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var (depth, cost) = (1, 0d);
            foreach (var selection in set.Selections)
            {
                var (d, c) = selection switch
                {
                    GraphQLField field => OfField(field, parent, connectionPageSize),
                    GraphQLInlineFragment inline => OfSelections(inline.SelectionSet, TypeNamed(inline.TypeCondition) ?? parent, connectionPageSize),
                    GraphQLFragmentSpread spread => OfFragment(spread.FragmentName.Name.StringValue, connectionPageSize),
                    _ => (1, 0),
                };
                depth = Math.Max(depth, d);
                cost += c;
            }
            return (depth, cost);
        }

        private (int Depth, double Cost) OfFragment(string name, int? connectionPageSize)
        {
            if (!_fragments.TryGetValue(name, out var fragment)) return (1, 0);
            var type = TypeNamed(fragment.TypeCondition);
            if (type is null) return (1, 0);
            // The page size matters only to list fields without bounds of their own; one entry per distinct size.
            var key = (name, connectionPageSize);
            if (_measured.TryGetValue(key, out var known)) return known;
            if (!_inProgress.Add(name)) return (1, 0);
            var measured = OfSelections(fragment.SelectionSet, type, connectionPageSize);
            _inProgress.Remove(name);
            return _measured[key] = measured;
        }

        private (int Depth, double Cost) OfField(GraphQLField field, IGraphType parent, int? connectionPageSize)
        {
            var name = field.Name.StringValue;
            if (name is "__typename" or "__schema" or "__type")
                return Nested(field, name == "__typename" ? null : schema.AllTypes[name == "__schema" ? "__Schema" : "__Type"],
                    IntrospectionImpact, IntrospectionImpact, null);
            var definition = (parent.GetNamedType() as IComplexGraphType)?.GetField(name);
            if (definition?.ResolvedType is not { } type) return (1, 1);

            var listDepth = 0;
            for (var t = Unwrapped(type); t is ListGraphType list; t = Unwrapped(list.ResolvedType!)) listDepth++;
            var pageSize = PageSize(field, definition);
            var multiplier = listDepth == 0 ? 1
                : pageSize ?? (HasArgument(field, "id") ? 1 : connectionPageSize ?? Math.Pow(UnboundedListSize, listDepth));
            // A connection (an object with a page size) passes it to the list fields inside it that have none.
            return Nested(field, type.GetNamedType(), 1, multiplier, listDepth == 0 ? pageSize : null);
        }

        private (int Depth, double Cost) Nested(GraphQLField field, IGraphType? type, double impact, double multiplier, int? pageSize)
        {
            if (field.SelectionSet is null || type is null) return (1, impact);
            var (depth, cost) = OfSelections(field.SelectionSet, type, pageSize);
            return (depth + 1, impact + multiplier * cost);
        }

        private int? PageSize(GraphQLField field, FieldType definition)
        {
            foreach (var argument in new[] { "first", "last" })
                if (ArgumentValue(field, definition, argument) is { } value) return value;
            return null;
        }

        private int? ArgumentValue(GraphQLField field, FieldType definition, string name)
        {
            var written = field.Arguments?.FirstOrDefault(a => a.Name.Value == name)?.Value;
            object? value = written switch
            {
                GraphQLIntValue literal => int.TryParse(literal.Value.Span, out var n) ? n : null,
                GraphQLVariable variable => variables.TryGetValue(variable.Name.StringValue, out var v) ? v : null,
                null => definition.Arguments?.Find(name)?.DefaultValue,
                _ => null,
            };
            return value switch
            {
                int n => n,
                long n when n is >= int.MinValue and <= int.MaxValue => (int)n,
                _ => null,
            };
        }

        private static bool HasArgument(GraphQLField field, string name) =>
            field.Arguments?.Any(a => a.Name.Value == name) == true;

        private IGraphType? TypeNamed(GraphQLTypeCondition? condition) =>
            condition is null ? null : schema.AllTypes[condition.Type.Name.StringValue];

        private static IGraphType Unwrapped(IGraphType type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
    }
}
