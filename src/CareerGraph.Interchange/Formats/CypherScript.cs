using System.Globalization;
using System.Text;
using CareerGraph.Model;
using CareerGraph.Neo4j;

namespace CareerGraph.Interchange.Formats;

/// <summary>
/// A Cypher script that loads the graph into an empty Neo4j 5 database (<c>cypher-shell -f</c>, or pasted into
/// Neo4j Browser), stored exactly as the Neo4j backend stores it: its schema first (graph/schema.cypher), then its
/// own merge statements (graph/queries/merge-*.cypher) in UNWIND batches. A dump has no parameters to pass, so each
/// batch's <c>$rows</c> is written as a literal list of maps.
/// </summary>
internal static class CypherScript
{
    public const int BatchSize = 500;

    public static void Write(GraphDocument document, TextWriter writer)
    {
        writer.WriteLine("// CareerGraph graph dump for an empty Neo4j 5 database: cypher-shell -f <this file>");
        writer.WriteLine($"// {document.Careers.Count} careers, {document.Skills.Count} skills, {document.Industries.Count} industries, " +
                         $"{document.Aliases.Count} aliases, {document.Edges.Count} edges.");
        writer.WriteLine();
        foreach (var statement in Neo4jScript.Schema)
            writer.WriteLine(statement);

        WriteBatches(writer, Neo4jScript.MergeNodes(NodeKind.Career), document.Careers.Select(Row));
        WriteBatches(writer, Neo4jScript.MergeNodes(NodeKind.Skill), document.Skills.Select(Row));
        WriteBatches(writer, Neo4jScript.MergeNodes(NodeKind.Industry), document.Industries.Select(Row));
        WriteBatches(writer, Neo4jScript.MergeAliases, document.Aliases.Select(Row));
        foreach (var kind in Enum.GetValues<EdgeKind>())
            WriteBatches(writer, Neo4jScript.MergeEdges(kind), document.Edges.Where(e => e.Kind == kind).Select(Row));
    }

    private static IEnumerable<(string, object?)> Row(GraphNode node) => Neo4jEncoding.PropertiesOf(node);

    private static IEnumerable<(string, object?)> Row(Alias alias) => Neo4jEncoding.PropertiesOf(alias);

    private static IEnumerable<(string, object?)> Row(Edge edge) =>
        [("source", edge.Source), ("target", edge.Target), ("properties", new Map(Neo4jEncoding.PropertiesOf(edge)))];

    private static void WriteBatches(TextWriter writer, string template, IEnumerable<IEnumerable<(string Name, object? Value)>> rows)
    {
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var list = new StringBuilder("[\n");
            for (var i = 0; i < batch.Length; i++)
            {
                list.Append("  ").Append(MapLiteral(batch[i]));
                list.Append(i < batch.Length - 1 ? ",\n" : "\n");
            }
            list.Append(']');
            writer.WriteLine(template.Replace("$rows", list.ToString(), StringComparison.Ordinal));
        }
    }

    /// <summary>A nested map of properties (an edge's), written as a literal map like a row.</summary>
    private sealed record Map(IEnumerable<(string Name, object? Value)> Properties);

    /// <summary>A literal map, leaving out properties without a value (Neo4j stores no nulls).</summary>
    internal static string MapLiteral(IEnumerable<(string Name, object? Value)> properties) =>
        "{" + string.Join(", ", properties.Where(p => Neo4jEncoding.HasValue(p.Value)).Select(p => $"{p.Name}: {Literal(p.Value)}")) + "}";

    internal static string Literal(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        IReadOnlyList<string> list => "[" + string.Join(", ", list.Select(String)) + "]",
        Map map => MapLiteral(map.Properties),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "No Cypher literal for this type."),
    };

    /// <summary>A number that Neo4j reads as a float, never as an integer ("1.0", not "1").</summary>
    private static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>A single-quoted Cypher string; backslashes, quotes and control characters are escaped.</summary>
    internal static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case '\'': builder.Append(@"\'"); break;
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                case < ' ' or '\u2028' or '\u2029': builder.Append($"\\u{(int)c:X4}"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.Append('\'').ToString();
    }
}
