using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;
using Microsoft.Data.Sqlite;

namespace CareerGraph.Embedded;

/// <summary>Writes inside one transaction: upserts that count what was created, updated or already so, and change plans.</summary>
internal sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction)
{
    public ImportResult UpsertNodes(IEnumerable<(string Id, NodeKind Kind, string Name, string Data)> nodes)
    {
        using var find = Command("SELECT kind, name, data FROM nodes WHERE id = $id", "$id");
        using var upsert = Command("""
            INSERT INTO nodes (id, kind, name, data) VALUES ($id, $kind, $name, $data)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, data = excluded.data
            """, "$id", "$kind", "$name", "$data");
        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var (id, kind, name, data) in nodes)
        {
            find.Parameters["$id"].Value = id;
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read()) created++;
                else if (reader.GetString(0) == kind.ToString() && reader.GetString(1) == name && reader.GetString(2) == data) { unchanged++; continue; }
                else updated++;
            }
            Run(upsert, id, kind.ToString(), name, data);
        }
        return new ImportResult(created, updated, unchanged);
    }

    public ImportResult UpsertEdges(IEnumerable<Edge> edges)
    {
        using var find = Command("SELECT importance, core, weight, tier FROM edges WHERE source = $source AND kind = $kind AND target = $target",
            "$source", "$kind", "$target");
        using var upsert = Command("""
            INSERT INTO edges (source, kind, target, importance, core, weight, tier)
            VALUES ($source, $kind, $target, $importance, $core, $weight, $tier)
            ON CONFLICT (source, kind, target) DO UPDATE SET
                importance = excluded.importance, core = excluded.core, weight = excluded.weight, tier = excluded.tier
            """, "$source", "$kind", "$target", "$importance", "$core", "$weight", "$tier");
        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var edge in edges)
        {
            object?[] key = [edge.Source, edge.Kind.CypherName(), edge.Target];
            object?[] properties = [edge.Importance, edge.Core is { } core ? (core ? 1L : 0L) : null, edge.Weight, edge.Tier is { } tier ? (long)tier : null];
            Bind(find, key);
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read()) created++;
                else if (Enumerable.Range(0, 4).All(i => Equals(reader.IsDBNull(i) ? null : reader.GetValue(i), properties[i]))) { unchanged++; continue; }
                else updated++;
            }
            Run(upsert, [.. key, .. properties]);
        }
        return new ImportResult(created, updated, unchanged);
    }

    public ImportResult UpsertAliases(IEnumerable<Alias> aliases)
    {
        using var find = Command("SELECT name FROM aliases WHERE key = $key AND target = $target", "$key", "$target");
        using var upsert = Command("""
            INSERT INTO aliases (key, name, target) VALUES ($key, $name, $target)
            ON CONFLICT (key, target) DO UPDATE SET name = excluded.name
            """, "$key", "$name", "$target");
        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var alias in aliases)
        {
            Bind(find, alias.Key, alias.TargetId);
            var existing = find.ExecuteScalar() as string;
            if (existing == alias.Name) { unchanged++; continue; }
            if (existing is null) created++; else updated++;
            Run(upsert, alias.Key, alias.Name, alias.TargetId);
        }
        return new ImportResult(created, updated, unchanged);
    }

    /// <summary>Executes a change plan in the order its contract gives and appends its audit entries.</summary>
    public IReadOnlyList<AuditEntry> Execute(ChangePlan plan, Func<GraphNode, string> serialize, string actor, DateTimeOffset at)
    {
        using (var delete = Command("DELETE FROM edges WHERE source = $source AND kind = $kind AND target = $target", "$source", "$kind", "$target"))
            foreach (var edge in plan.EdgesToDelete) Run(delete, edge.Source, edge.Kind.CypherName(), edge.Target);
        using (var delete = Command("DELETE FROM aliases WHERE key = $key AND target = $target", "$key", "$target"))
            foreach (var alias in plan.AliasesToDelete) Run(delete, alias.Key, alias.TargetId);
        using (var delete = Command("DELETE FROM redirects WHERE id = $id", "$id"))
            foreach (var id in plan.RedirectsToDelete) Run(delete, id);
        using (var delete = Command("DELETE FROM nodes WHERE id = $id", "$id"))
            foreach (var id in plan.NodesToDelete) Run(delete, id);

        UpsertNodes(plan.NodesToPut.Select(n => (n.Id, n.Kind, n.Name, serialize(n))));
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
}
