using CareerGraph.Model;

namespace CareerGraph.Interchange.Formats;

/// <summary>The formats the graph can be exported in.</summary>
public enum GraphFormat { Cypher, GraphML, Json, Csv }

public static class GraphExport
{
    /// <summary>Writes the graph to a file, or for <see cref="GraphFormat.Csv"/> to a folder of files; returns what was written.</summary>
    public static IReadOnlyList<string> Write(GraphDocument document, GraphFormat format, string path)
    {
        if (format == GraphFormat.Csv)
            return [.. Neo4jAdminCsv.Write(document, path).Select(file => Path.Combine(path, file))];

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        using var stream = File.Create(path);
        switch (format)
        {
            case GraphFormat.Json:
                JsonGraph.Write(document, stream);
                break;
            case GraphFormat.GraphML:
                GraphMLDocument.Write(document, stream);
                break;
            default:
                using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
                    CypherScript.Write(document, writer);
                break;
        }
        return [path];
    }
}
