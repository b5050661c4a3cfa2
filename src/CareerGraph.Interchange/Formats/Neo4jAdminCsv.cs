using System.Globalization;
using System.Text;
using CareerGraph.Model;
using CareerGraph.Neo4j;

namespace CareerGraph.Interchange.Formats;

/// <summary>
/// CSV files in the header format of <c>neo4j-admin database import</c>: one nodes_*.csv per label (id:ID, :LABEL,
/// typed properties) and one relationships_*.csv per type (:START_ID, :END_ID, :TYPE, typed properties), plus
/// import.sh with the command that loads them. The graph comes out as the Neo4j backend stores it: nodes carry
/// nameKey, aliases are Alias nodes (one per comparison key) with ALIAS_OF relationships that keep each spelling.
/// </summary>
internal static class Neo4jAdminCsv
{
    /// <summary>Separates the values of list properties and of multiple labels; not a character our data uses.</summary>
    public const char ArrayDelimiter = '|';

    public static IReadOnlyList<string> Write(GraphDocument document, string folder)
    {
        Directory.CreateDirectory(folder);
        var specialisations = document.Edges.Where(e => e.Kind == EdgeKind.SpecialisationOf).Select(e => e.Source).ToHashSet(StringComparer.Ordinal);
        var nodes = new List<string>();
        var relationships = new List<string>();

        nodes.Add(WriteNodes(folder, "nodes_careers.csv", new Career("", ""), document.Careers, specialisations));
        nodes.Add(WriteNodes(folder, "nodes_skills.csv", new Skill("", ""), document.Skills, specialisations));
        nodes.Add(WriteNodes(folder, "nodes_industries.csv", new Industry("", ""), document.Industries, specialisations));

        // One Alias node per key; its id (not stored: the header names no property) cannot clash with a slug.
        var aliases = document.Aliases.GroupBy(a => a.Key).ToList();
        nodes.Add(WriteFile(folder, "nodes_aliases.csv",
            [":ID", ":LABEL", "key", "name"],
            aliases.Select(g => new object?[] { AliasId(g.Key), "Alias", g.Key, g.First().Name })));
        relationships.Add(WriteFile(folder, "relationships_alias_of.csv",
            [":START_ID", ":END_ID", ":TYPE", "name"],
            document.Aliases.Select(a => new object?[] { AliasId(a.Key), a.TargetId, "ALIAS_OF", a.Name })));

        foreach (var kind in Enum.GetValues<EdgeKind>())
        {
            var edges = document.Edges.Where(e => e.Kind == kind).ToList();
            var sample = new Edge("", "", kind);
            string[] header = [":START_ID", ":END_ID", ":TYPE", .. Neo4jEncoding.PropertiesOf(sample).Select(p => p.Name + Type(p.Name))];
            relationships.Add(WriteFile(folder, $"relationships_{kind.Code().ToLowerInvariant()}.csv", header,
                edges.Select(e => EdgeRow(e))));
        }

        // The database name goes before the options: from 5.19 a name after --nodes/--relationships is read as a file.
        // An existing database (neo4j always exists) is only replaced when asked, with --overwrite-destination.
        var script = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append("# Loads these files into a Neo4j 5 database with neo4j-admin (on the PATH). Stop the database first.\n")
            .Append("# Usage: sh import.sh [database] [--overwrite-destination]\n")
            .Append("#   database                 default neo4j\n")
            .Append("#   --overwrite-destination  replace a database that exists, deleting its data first: needed for neo4j,\n")
            .Append("#                            which every Neo4j creates at first start. Without it a database that exists\n")
            .Append("#                            is refused. A new database needs no flag: CREATE DATABASE it after the import.\n")
            .Append("set -e\n")
            .Append("database=\"${1:-neo4j}\"\n")
            .Append("case \"${2:-}\" in\n")
            .Append("  \"\") overwrite=false ;;\n")
            .Append("  --overwrite-destination) overwrite=true ;;\n")
            .Append("  *) echo \"usage: sh import.sh [database] [--overwrite-destination]\" >&2; exit 2 ;;\n")
            .Append("esac\n")
            .Append("cd \"$(dirname \"$0\")\"\n")
            .Append("neo4j-admin database import full \"$database\" --overwrite-destination=\"$overwrite\" \\\n");
        foreach (var file in nodes) script.Append($"  --nodes={file} \\\n");
        foreach (var file in relationships) script.Append($"  --relationships={file} \\\n");
        script.Append($"  --array-delimiter='{ArrayDelimiter}' --multiline-fields=true\n");
        File.WriteAllText(Path.Combine(folder, "import.sh"), script.ToString());
        return [.. nodes, .. relationships, "import.sh"];
    }

    private static string AliasId(string key) => "alias:" + key;

    /// <summary>The header's type for a property: neo4j-admin reads an untyped column as a string.</summary>
    private static string Type(string property) => property switch
    {
        "importance" or "weight" => ":double",
        "core" or "hot" => ":boolean",
        "tier" or "jobZone" => ":int",
        "duties" or "categories" => ":string[]",
        _ => "",
    };

    /// <summary>One file per label: id and labels, then every stored property (nameKey included) in the backend's order.</summary>
    private static string WriteNodes(string folder, string name, GraphNode sample, IEnumerable<GraphNode> nodes, HashSet<string> specialisations)
    {
        string[] header = ["id:ID", ":LABEL", .. Neo4jEncoding.PropertiesOf(sample).Skip(1).Select(p => p.Name + Type(p.Name))];
        return WriteFile(folder, name, header, nodes.Select(node => (object?[])
            [node.Id, string.Join(ArrayDelimiter, Neo4jEncoding.LabelsOf(node, specialisations.Contains(node.Id))),
             .. Neo4jEncoding.PropertiesOf(node).Skip(1).Select(p => p.Value)]));
    }

    private static object?[] EdgeRow(Edge edge) =>
        [edge.Source, edge.Target, edge.Kind.Code(), .. Neo4jEncoding.PropertiesOf(edge).Select(p => p.Value)];

    private static string WriteFile(string folder, string name, string[] header, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(Path.Combine(folder, name), false, new UTF8Encoding(false));
        writer.Write(string.Join(',', header));
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(string.Join(',', row.Select(Field)));
            writer.Write('\n');
        }
        return name;
    }

    /// <summary>One CSV field: quoted when it holds a comma, quote or line break; an empty field is no value.</summary>
    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            int i => i.ToString(CultureInfo.InvariantCulture),
            IReadOnlyList<string> list => string.Join(ArrayDelimiter, list.Select(Element)),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static string Element(string value) => value.Contains(ArrayDelimiter)
        ? throw new InvalidOperationException($"The list value '{value}' holds '{ArrayDelimiter}', the array delimiter of the CSV export; it cannot be written unambiguously.")
        : value;
}
