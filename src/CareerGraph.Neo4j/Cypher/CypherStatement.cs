using System.Collections.Concurrent;

namespace CareerGraph.Neo4j.Cypher;

/// <summary>A Cypher statement from graph/: the file it lives in, and its text, sent to Neo4j exactly as written.</summary>
internal sealed record CypherStatement(string Name, string Text)
{
    /// <summary>The text as a script runs it: without its comment lines, ending with a semicolon.</summary>
    public string Script =>
        string.Join('\n', Text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))).Trim().TrimEnd(';') + ";";

    public override string ToString() => Name;
}

/// <summary>The Cypher files of graph/, embedded in this assembly under their paths.</summary>
internal static class CypherFiles
{
    private static readonly ConcurrentDictionary<string, CypherStatement> Loaded = new(StringComparer.Ordinal);

    /// <summary>Every embedded file, by its path (graph/queries/nodes-by-id.cypher).</summary>
    public static IEnumerable<string> Paths =>
        typeof(CypherFiles).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("graph/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The statement in graph/queries/{name}.cypher.</summary>
    public static CypherStatement Query(string name) => Load($"graph/queries/{name}.cypher");

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

    private static CypherStatement Load(string path) => Loaded.GetOrAdd(path, p =>
    {
        using var stream = typeof(CypherFiles).Assembly.GetManifestResourceStream(p)
            ?? throw new InvalidOperationException($"There is no Cypher file {p} in {typeof(CypherFiles).Assembly.GetName().Name}; add it under graph/ (it is embedded at build).");
        using var reader = new StreamReader(stream);
        return new CypherStatement(p, reader.ReadToEnd().Replace("\r\n", "\n"));
    });
}
