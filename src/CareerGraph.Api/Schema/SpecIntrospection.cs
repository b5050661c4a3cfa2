using GraphQL;
using GraphQL.Introspection;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>
/// Introspection as the current GraphQL specification (September 2025) has it, for the tools that ask for all of it:
/// <c>isRepeatable</c> on directives, <c>args(includeDeprecated:)</c> and <c>inputFields(includeDeprecated:)</c>, and
/// <c>specifiedByURL</c> on types, none of which GraphQL.NET 8 answers by default.
/// </summary>
internal static class SpecIntrospection
{
    /// <summary>The metadata key where a custom scalar keeps the URL of its specification (the <c>@specifiedBy</c> directive).</summary>
    public const string SpecifiedByUrl = "specifiedByURL";

    /// <summary>Turns on the introspection features GraphQL.NET has behind switches; call before the schema initialises.</summary>
    public static void Enable(ISchema schema)
    {
        schema.Features.RepeatableDirectives = true;
        schema.Features.DeprecationOfInputValues = true;
        schema.Filter = new SpecSchemaFilter();
    }

    /// <summary>Adds <c>__Type.specifiedByURL</c>, which GraphQL.NET 8 does not define; call from the schema's OnBeforeInitializeType.</summary>
    public static void Extend(IGraphType graphType)
    {
        if (graphType is __Type type && !type.HasField(SpecifiedByUrl))
            type.Field<StringGraphType>(SpecifiedByUrl)
                .Description("For a custom scalar, a URL that specifies its behaviour; null for built-in scalars and other types.")
                .Resolve(context => context.Source is ScalarGraphType scalar ? scalar.GetMetadata<string?>(SpecifiedByUrl) : null);

        // GraphQL.NET 8 gives __Field.args and __Type.inputFields an includeDeprecated argument, but not __Directive.args.
        if (graphType is __Directive directive && directive.GetField("args") is { } args && args.Arguments is null or { Count: 0 })
        {
            args.Arguments = new GraphQL.Types.QueryArguments(new QueryArgument<BooleanGraphType> { Name = IncludeDeprecated, DefaultValue = false });
            args.Resolver = new FuncFieldResolver<Directive, IEnumerable<QueryArgument>>(context =>
                (context.Source.Arguments ?? Enumerable.Empty<QueryArgument>()).Where(argument =>
                    context.GetArgument<bool>(IncludeDeprecated) || string.IsNullOrWhiteSpace(argument.DeprecationReason)));
        }
    }

    private const string IncludeDeprecated = "includeDeprecated";

    /// <summary>GraphQL.NET's default filter hides <c>isRepeatable</c> even when it is on; this one shows it (applied directives stay hidden).</summary>
    private sealed class SpecSchemaFilter : DefaultSchemaFilter
    {
        public override Task<bool> AllowField(IGraphType parent, IFieldType field) =>
            parent is __Directive && field.Name == "isRepeatable" ? Allowed : base.AllowField(parent, field);
    }
}
