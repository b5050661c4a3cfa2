using System.Collections.Concurrent;
using CareerGraph.Model;

namespace CareerGraph.Neo4j.Cypher;

/// <summary>A Cypher statement from graph/: the file it lives in, and its text, sent to Neo4j exactly as written.</summary>
internal sealed record CypherStatement(string Name, string Text)
{
    /// <summary>The text as a script runs it: without its comment lines, ending with a semicolon.</summary>
    public string Script =>
        string.Join('\n', Text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))).Trim().TrimEnd(';') + ";";

    public override string ToString() => Name;
}

/// <summary>
/// The Cypher files of graph/, embedded in this assembly under their paths. Every statement the store runs is a file in
/// graph/queries, named for the question it answers and asked for by that name: there is no list of them to keep
/// (<c>CypherFilesTests</c> checks that every name asked for is a file and every file is asked for).
/// </summary>
internal static class CypherFiles
{
    private static readonly ConcurrentDictionary<string, CypherStatement> Queries = new(StringComparer.Ordinal);

    /// <summary>Every embedded file, by its path (graph/queries/nodes-by-id.cypher).</summary>
    public static IEnumerable<string> Paths =>
        typeof(CypherFiles).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("graph/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The statement in graph/queries/{name}.cypher, read once.</summary>
    public static CypherStatement Query(string name) => Queries.GetOrAdd(name, n => Load($"graph/queries/{n}.cypher"));

    /// <summary>Adds or updates nodes of one kind: merge-careers, merge-skills, merge-industries.</summary>
    public static CypherStatement MergeNodes(NodeKind kind) => kind switch
    {
        NodeKind.Career => Query("merge-careers"),
        NodeKind.Skill => Query("merge-skills"),
        NodeKind.Industry => Query("merge-industries"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The edges of one kind touching the given nodes: requires-edges, in-industry-edges, specialisation-of-edges, see-also-edges.</summary>
    public static CypherStatement EdgesOf(EdgeKind kind) => Query($"{FileStem(kind)}-edges");

    /// <summary>Adds or updates edges of one kind: merge-requires-edges, ….</summary>
    public static CypherStatement MergeEdges(EdgeKind kind) => Query($"merge-{FileStem(kind)}-edges");

    /// <summary>The statements of graph/schema.cypher, in order; each ends at a semicolon that ends a line.</summary>
    public static IReadOnlyList<CypherStatement> Schema()
    {
        var file = Load("graph/schema.cypher");
        return file.Text
            .Split(";\n")
            .Select(text => text.Trim().TrimEnd(';'))
            .Where(text => text.Split('\n').Any(line => line.Trim() is { Length: > 0 } code && !code.StartsWith("//", StringComparison.Ordinal)))
            .Select((text, i) => new CypherStatement($"{file.Name}#{i + 1}", text))
            .ToList();
    }

    private static string FileStem(EdgeKind kind) => kind switch
    {
        EdgeKind.Requires => "requires",
        EdgeKind.InIndustry => "in-industry",
        EdgeKind.SpecialisationOf => "specialisation-of",
        EdgeKind.SeeAlso => "see-also",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static CypherStatement Load(string path)
    {
        using var stream = typeof(CypherFiles).Assembly.GetManifestResourceStream(path)
            ?? throw new InvalidOperationException($"There is no Cypher file {path} in {typeof(CypherFiles).Assembly.GetName().Name}; add it under graph/ (it is embedded at build).");
        using var reader = new StreamReader(stream);
        return new CypherStatement(path, reader.ReadToEnd().Replace("\r\n", "\n"));
    }
}
