using System.Globalization;
using System.Text;
using CareerGraph.Model;

namespace CareerGraph.Interchange.Formats;

/// <summary>
/// A Cypher script that loads the graph into an empty Neo4j 5 database (<c>cypher-shell -f</c>, or pasted into
/// Neo4j Browser): constraints first, then nodes, aliases and edges in UNWIND batches. The statements are the
/// named files in graph/export; a dump has no parameters to pass, so each batch is written as a literal list of maps.
/// </summary>
public static class CypherScript
{
    public const int BatchSize = 500;

    public static void Write(GraphDocument document, TextWriter writer)
    {
        writer.WriteLine("// CareerGraph graph dump for an empty Neo4j 5 database: cypher-shell -f <this file>");
        writer.WriteLine($"// {document.Careers.Count} careers, {document.Skills.Count} skills, {document.Industries.Count} industries, " +
                         $"{document.Aliases.Count} aliases, {document.Edges.Count} edges.");
        writer.WriteLine();
        writer.WriteLine(Statement("constraints"));

        var careerIds = document.Careers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        WriteBatches(writer, "careers", document.Careers.Select(Row));
        WriteBatches(writer, "skills", document.Skills.Select(Row));
        WriteBatches(writer, "industries", document.Industries.Select(Row));
        WriteBatches(writer, "aliases-of-careers", document.Aliases.Where(a => careerIds.Contains(a.TargetId)).Select(Row));
        WriteBatches(writer, "aliases-of-skills", document.Aliases.Where(a => !careerIds.Contains(a.TargetId)).Select(Row));
        foreach (var kind in Enum.GetValues<EdgeKind>())
            WriteBatches(writer, kind.CypherName().ToLowerInvariant().Replace('_', '-'), document.Edges.Where(e => e.Kind == kind).Select(Row));
        writer.WriteLine(Statement("specialisation-label"));
    }

    private static IEnumerable<(string, object?)> Row(GraphNode node) => Properties.Of(node);
    private static IEnumerable<(string, object?)> Row(Alias alias) => [("key", alias.Key), ("name", alias.Name), ("target", alias.TargetId)];
    private static IEnumerable<(string, object?)> Row(Edge edge) => [("source", edge.Source), ("target", edge.Target), .. Properties.Of(edge)];

    private static void WriteBatches(TextWriter writer, string statement, IEnumerable<IEnumerable<(string Name, object? Value)>> rows)
    {
        var template = Statement(statement);
        foreach (var batch in rows.Chunk(BatchSize))
        {
            var list = new StringBuilder("[\n");
            for (var i = 0; i < batch.Length; i++)
            {
                list.Append("  ").Append(Map(batch[i]));
                list.Append(i < batch.Length - 1 ? ",\n" : "\n");
            }
            list.Append(']');
            writer.WriteLine(template.Replace("$rows", list.ToString(), StringComparison.Ordinal));
        }
    }

    /// <summary>A statement file of graph/export without its leading comment lines.</summary>
    private static string Statement(string name)
    {
        using var stream = typeof(CypherScript).Assembly.GetManifestResourceStream($"graph/export/{name}.cypher")
            ?? throw new InvalidOperationException($"The statement graph/export/{name}.cypher is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().ReplaceLineEndings("\n").Split('\n').SkipWhile(l => l.StartsWith("//", StringComparison.Ordinal));
        return string.Join('\n', lines).Trim() + "\n";
    }

    /// <summary>A literal map, leaving out properties without a value (Neo4j stores no nulls).</summary>
    internal static string Map(IEnumerable<(string Name, object? Value)> properties) =>
        "{" + string.Join(", ", properties.Where(p => Properties.HasValue(p.Value)).Select(p => $"{p.Name}: {Literal(p.Value)}")) + "}";

    internal static string Literal(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        IReadOnlyList<string> list => "[" + string.Join(", ", list.Select(String)) + "]",
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
