using System.Text.Json;
using CareerGraph.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>
/// Reading rows through SQLite's own API: no command objects, so it also works inside a transaction the caller holds,
/// and values are read straight from SQLite's UTF-8 buffers. Nodes and edges are read back here the one way they are stored.
/// </summary>
internal static class SqliteRows
{
    public const string EdgeColumns = "source, target, kind, importance, core, weight, tier, reason";

    private static readonly Dictionary<string, EdgeKind> EdgeKinds = Enum.GetValues<EdgeKind>().ToDictionary(k => k.Code(), StringComparer.Ordinal);

    /// <summary>Steps through a statement's rows; <paramref name="text"/> binds ?1, ?2, … in order.</summary>
    public static void Read(sqlite3 db, string sql, Action<sqlite3_stmt> row, params string[] text)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            for (var i = 0; i < text.Length; i++) SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, i + 1, text[i]), db);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) row(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public static long Integer(sqlite3 db, string sql)
    {
        long value = 0;
        Read(db, sql, row => value = raw.sqlite3_column_int64(row, 0));
        return value;
    }

    public static string Text(sqlite3_stmt row, int column) => raw.sqlite3_column_text(row, column).utf8_to_string();

    public static bool IsNull(sqlite3_stmt row, int column) => raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL;

    /// <summary>An edge from the columns <see cref="EdgeColumns"/>.</summary>
    public static Edge Edge(sqlite3_stmt row) =>
        new(Text(row, 0), Text(row, 1), EdgeKinds[Text(row, 2)])
        {
            Importance = IsNull(row, 3) ? null : raw.sqlite3_column_double(row, 3),
            Core = IsNull(row, 4) ? null : raw.sqlite3_column_int64(row, 4) != 0,
            Weight = IsNull(row, 5) ? null : raw.sqlite3_column_double(row, 5),
            Tier = IsNull(row, 6) ? null : raw.sqlite3_column_int(row, 6),
            Reason = IsNull(row, 7) ? null : Text(row, 7),
        };

    /// <summary>A node from its kind and its stored JSON, parsed from the UTF-8 bytes.</summary>
    public static GraphNode Node(string kind, ReadOnlySpan<byte> data) => Node(Enum.Parse<NodeKind>(kind), data);

    public static GraphNode Node(NodeKind kind, ReadOnlySpan<byte> data) => kind switch
    {
        NodeKind.Career => JsonSerializer.Deserialize(data, NodeJson.Default.Career)!,
        NodeKind.Skill => JsonSerializer.Deserialize(data, NodeJson.Default.Skill)!,
        _ => JsonSerializer.Deserialize(data, NodeJson.Default.Industry)!,
    };

    /// <summary>How a node is stored: the JSON of its own fields (whether a career specialises is derived from its edges).</summary>
    public static string Serialize(GraphNode node) => node switch
    {
        Career c => JsonSerializer.Serialize(c with { IsSpecialisation = false }, NodeJson.Default.Career),
        Skill s => JsonSerializer.Serialize(s, NodeJson.Default.Skill),
        Industry i => JsonSerializer.Serialize(i, NodeJson.Default.Industry),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
