using CareerGraph.Model;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>Reading the whole graph from the tables, the way <see cref="SqliteWriter"/> writes it.</summary>
internal static class SqliteReader
{
    /// <summary>
    /// Reads the whole graph in the caller's read transaction, so the tables agree. Rows are stepped through SQLite's
    /// own API and node JSON is parsed on every core: this is most of the time a large graph takes to open.
    /// </summary>
    public static GraphIndex Index(sqlite3 db, long version)
    {
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        SqliteRows.Read(db, "SELECT id, target FROM redirects", row => redirects[SqliteRows.Text(row, 0)] = SqliteRows.Text(row, 1));
        return new GraphIndex(Graph(db), redirects, version);
    }

    private static GraphDocument Graph(sqlite3 db)
    {
        // Node JSON is parsed from SQLite's UTF-8 bytes, never made into a string.
        var rows = new List<(string Kind, byte[] Data)>();
        SqliteRows.Read(db, "SELECT kind, data FROM nodes ORDER BY id", row => rows.Add((SqliteRows.Text(row, 0), raw.sqlite3_column_blob(row, 1).ToArray())));
        var nodes = new GraphNode[rows.Count];
        Parallel.For(0, rows.Count, i => nodes[i] = SqliteRows.Node(rows[i].Kind, rows[i].Data));

        var edges = new List<Edge>();
        SqliteRows.Read(db, $"SELECT {SqliteRows.EdgeColumns} FROM edges ORDER BY source, kind, target", row => edges.Add(SqliteRows.Edge(row)));

        var aliases = new List<Alias>();
        SqliteRows.Read(db, "SELECT name, target FROM aliases ORDER BY key, target", row => aliases.Add(new Alias(SqliteRows.Text(row, 0), SqliteRows.Text(row, 1))));
        return new GraphDocument([.. nodes.OfType<Career>()], [.. nodes.OfType<Skill>()], [.. nodes.OfType<Industry>()], edges, aliases);
    }
}
