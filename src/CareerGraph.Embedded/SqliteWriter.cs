using System.Text;
using CareerGraph.Model;
using CareerGraph.Store;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>
/// Upserts inside one transaction, counting what was created, updated or already so. What is stored is looked up
/// in the committed snapshot, which mirrors the database (the store reloads it first when another connection has
/// written), so only new and changed rows are written, many rows per statement. An item repeated within one import
/// is compared with its earlier occurrence, as if the rows were written one by one.
/// </summary>
internal sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, GraphIndex committed)
{
    private static readonly Table Nodes = new("nodes", ["id", "kind", "name", "data"], ["id"]);
    private static readonly Table Edges = new("edges", ["source", "kind", "target", "importance", "core", "weight", "tier"], ["source", "kind", "target"]);
    private static readonly Table Aliases = new("aliases", ["key", "name", "target"], ["key", "target"]);

    public ImportResult UpsertNodes(IEnumerable<(string Id, NodeKind Kind, string Name, string Data)> nodes, Func<GraphNode, string> serialize)
    {
        var written = new Dictionary<string, (NodeKind Kind, string Name, string Data)>(StringComparer.Ordinal);
        var counts = new Counts();
        foreach (var (id, kind, name, data) in nodes)
        {
            (NodeKind Kind, string Name, string Data)? stored = written.TryGetValue(id, out var earlier) ? earlier
                : committed.Node(id) is { } node ? (node.Kind, node.Name, serialize(node)) : null;
            if (counts.Changed(stored, ((NodeKind, string, string)?)(kind, name, data)))
                written[id] = (kind, name, data);
        }
        Upsert(Nodes, written.Select(n => new object?[] { n.Key, n.Value.Kind.ToString(), n.Value.Name, n.Value.Data }));
        return counts.Result;
    }

    public ImportResult UpsertEdges(IEnumerable<Edge> edges)
    {
        var written = new Dictionary<string, Edge>(StringComparer.Ordinal);
        var counts = new Counts();
        foreach (var edge in edges)
        {
            var id = edge.Id;
            if (counts.Changed(written.TryGetValue(id, out var earlier) ? earlier : committed.Find(edge), edge))
                written[id] = edge;
        }
        Upsert(Edges, written.Values.Select(e => new object?[]
        {
            e.Source, e.Kind.CypherName(), e.Target, e.Importance,
            e.Core is { } core ? (core ? 1L : 0L) : null, e.Weight, e.Tier is { } tier ? (long)tier : null,
        }));
        return counts.Result;
    }

    public ImportResult UpsertAliases(IEnumerable<Alias> aliases)
    {
        var written = new Dictionary<(string Key, string Target), Alias>();
        var counts = new Counts();
        foreach (var alias in aliases)
        {
            var key = (alias.Key, alias.TargetId);
            var stored = written.TryGetValue(key, out var earlier) ? earlier : committed.Find(alias);
            if (counts.Changed(stored?.Name, alias.Name))
                written[key] = alias;
        }
        Upsert(Aliases, written.Select(a => new object?[] { a.Key.Key, a.Value.Name, a.Key.Target }));
        return counts.Result;
    }

    public void RecordImport(string key)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO imports (key, imported_at) VALUES ($key, $at)";
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Inserts rows, replacing those with the same key, through one prepared statement bound by position:
    /// binding by name costs a search of the statement's parameters for every value.
    /// </summary>
    private void Upsert(Table table, IEnumerable<object?[]> rows)
    {
        var updated = table.Columns.Except(table.Key).Select(c => $"{c} = excluded.{c}");
        var sql = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"?{i + 1}"))}) " +
                  $"ON CONFLICT ({string.Join(", ", table.Key)}) DO UPDATE SET {string.Join(", ", updated)}";
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    var rc = row[i] switch
                    {
                        null => raw.sqlite3_bind_null(statement, i + 1),
                        string text => raw.sqlite3_bind_text(statement, i + 1, text),
                        double real => raw.sqlite3_bind_double(statement, i + 1, real),
                        long integer => raw.sqlite3_bind_int64(statement, i + 1, integer),
                        var other => throw new ArgumentOutOfRangeException(nameof(rows), other, "Not a SQLite value."),
                    };
                    Check(rc, db);
                }
                if (raw.sqlite3_step(statement) is var step and not raw.SQLITE_DONE) Check(step, db);
                Check(raw.sqlite3_reset(statement), db);
            }
        }
    }

    private static void Check(int rc, sqlite3 db) => SqliteException.ThrowExceptionForRC(rc, db);

    private sealed record Table(string Name, string[] Columns, string[] Key);

    /// <summary>Counts one item against what is stored (null: nothing) and says whether it must be written.</summary>
    private sealed class Counts
    {
        private int _created, _updated, _unchanged;

        public ImportResult Result => new(_created, _updated, _unchanged);

        public bool Changed<T>(T? stored, T incoming)
        {
            if (stored is null) _created++;
            else if (EqualityComparer<T>.Default.Equals(stored, incoming)) { _unchanged++; return false; }
            else _updated++;
            return true;
        }
    }
}
