using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareerGraph.Api.Schema;

/// <summary>
/// Fields whose value is read from their parent object alone: no arguments, no loaders, nothing that can be refused.
/// The general executor resolves them as any field; a compiled plan calls the read itself, without a resolver
/// context, the field middleware or a task (docs/performance.md, "Reads from the source, lists in order once,
/// numbers copied").
/// </summary>
internal static class SourceReads
{
    private const string MetadataKey = "CareerGraph.SourceRead";

    /// <summary>Resolves the field with <paramref name="read"/> applied to its source, and files the read for compiled plans.</summary>
    public static FieldBuilder<TSource, TReturn> Reads<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Func<TSource, TReturn?> read) =>
        field.Resolve(context => read(context.Source))
            .Configure(definition => definition.WithMetadata(MetadataKey, (Func<object?, object?>)(source => read((TSource)source!))));

    /// <summary>The field's read from its source, or null when the field needs a resolver.</summary>
    public static Func<object?, object?>? ReadOf(FieldType field) =>
        field.Arguments is { Count: > 0 } ? null : field.GetMetadata<Func<object?, object?>?>(MetadataKey);
}
