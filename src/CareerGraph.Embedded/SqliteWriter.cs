using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>
/// Writes inside one transaction: change plans, and upserts that count what was created, updated or already so.
/// For an import, what is stored is looked up in the committed snapshot, which mirrors the database (the store
/// reloads it first when another connection has written), so only new and changed rows are written. A change plan
/// has decided what to write itself: without a snapshot, every row is written. An item repeated within one import
/// is compared with its earlier occurrence, as if the rows were written one by one.
/// </summary>
internal sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, GraphIndex? committed = null)
{
    private static readonly Table Nodes = new("nodes", ["id", "kind", "name", "data"], ["id"]);
    private static readonly Table Edges = new("edges", ["source", "kind", "target", "importance", "core", "weight", "tier", "reason"], ["source", "kind", "target"]);
    private static readonly Table Aliases = new("aliases", ["key", "name", "target"], ["key", "target"]);

    public ImportResult UpsertNodes(IEnumerable<(string Id, NodeKind Kind, string Name, string Data)> nodes, Func<GraphNode, string> serialize)
    {
        var written = new Dictionary<string, (NodeKind Kind, string Name, string Data)>(StringComparer.Ordinal);
        var counts = new Counts();
        foreach (var (id, kind, name, data) in nodes)
        {
            (NodeKind Kind, string Name, string Data)? stored = written.TryGetValue(id, out var earlier) ? earlier
                : committed?.Node(id) is { } node ? (node.Kind, node.Name, serialize(node)) : null;
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
            if (counts.Changed(written.TryGetValue(id, out var earlier) ? earlier : committed?.Find(edge), edge))
                written[id] = edge;
        }
        Upsert(Edges, written.Values.Select(e => new object?[]
        {
            e.Source, e.Kind.Code(), e.Target, e.Importance,
            e.Core is { } core ? (core ? 1L : 0L) : null, e.Weight, e.Tier is { } tier ? (long)tier : null, e.Reason,
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
            var stored = written.TryGetValue(key, out var earlier) ? earlier : committed?.Find(alias);
            if (counts.Changed(stored?.Name, alias.Name))
                written[key] = alias;
        }
        Upsert(Aliases, written.Select(a => new object?[] { a.Key.Key, a.Value.Name, a.Key.Target }));
        return counts.Result;
    }

    /// <summary>Executes a change plan in the order its contract gives and appends its audit entries.</summary>
    public IReadOnlyList<AuditEntry> Execute(ChangePlan plan, Func<GraphNode, string> serialize, string actor, DateTimeOffset at)
    {
        using (var delete = Command("DELETE FROM edges WHERE source = $source AND kind = $kind AND target = $target", "$source", "$kind", "$target"))
            foreach (var edge in plan.EdgesToDelete) Run(delete, edge.Source, edge.Kind.Code(), edge.Target);
        using (var delete = Command("DELETE FROM aliases WHERE key = $key AND target = $target", "$key", "$target"))
            foreach (var alias in plan.AliasesToDelete) Run(delete, alias.Key, alias.TargetId);
        using (var delete = Command("DELETE FROM redirects WHERE id = $id", "$id"))
            foreach (var id in plan.RedirectsToDelete) Run(delete, id);
        using (var delete = Command("DELETE FROM nodes WHERE id = $id", "$id"))
            foreach (var id in plan.NodesToDelete) Run(delete, id);

        UpsertNodes(plan.NodesToPut.Select(n => (n.Id, n.Kind, n.Name, serialize(n))), serialize);
        UpsertEdges(plan.EdgesToPut);
        UpsertAliases(plan.AliasesToPut);
        using (var upsert = Command("""
            INSERT INTO redirects (id, target) VALUES ($id, $target)
            ON CONFLICT (id) DO UPDATE SET target = excluded.target
            """, "$id", "$target"))
            foreach (var redirect in plan.RedirectsToPut) Run(upsert, redirect.From, redirect.To);

        var entries = new List<AuditEntry>(plan.Audit.Count);
        using var insert = Command("""
            INSERT INTO audit (at, actor, operation, nodes, summary, before, after)
            VALUES ($at, $actor, $operation, $nodes, $summary, $before, $after);
            SELECT last_insert_rowid();
            """, "$at", "$actor", "$operation", "$nodes", "$summary", "$before", "$after");
        using var link = Command("INSERT OR IGNORE INTO audit_nodes (node, sequence) VALUES ($node, $sequence)", "$node", "$sequence");
        foreach (var record in plan.Audit)
        {
            Bind(insert, at.ToString("O"), actor, record.Operation.ToString(), JsonSerializer.Serialize(record.NodeIds), record.Summary, record.Before, record.After);
            var sequence = (long)insert.ExecuteScalar()!;
            foreach (var node in record.NodeIds.Distinct()) Run(link, node, sequence);
            entries.Add(AuditEntry.Of(record, sequence, at, actor));
        }
        return entries;
    }

    public void RecordImport(string key)
    {
        using var insert = Command("INSERT INTO imports (key, imported_at) VALUES ($key, $at)", "$key", "$at");
        Run(insert, key, DateTimeOffset.UtcNow.ToString("O"));
    }

    /// <summary>Counts an import that changed the graph, so that other connections following the file reload it.</summary>
    public void CountImport()
    {
        using var count = Command("""
            INSERT INTO import_generation (id, generation) VALUES (1, 1)
            ON CONFLICT (id) DO UPDATE SET generation = generation + 1
            """);
        count.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        command.ExecuteNonQuery();
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
