using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>
/// What other connections' curation writes changed since a snapshot, as a change plan the snapshot can apply
/// (<see cref="GraphIndex.With"/>). The audit trail names every node a change touched; their rows (the nodes, every
/// edge at either end, their aliases, the redirects from or to them) are read back and compared with the snapshot, so
/// the plan holds exactly the differences, and applying it twice changes nothing.
/// </summary>
internal static class CommittedChanges
{
    /// <summary>Past this many new audit entries a fresh load is cheaper than reading the changes one node at a time.</summary>
    public const int MostEntries = 2_000;

    /// <summary>The plan taking <paramref name="index"/> to what the file holds, or null when too much changed to apply as a delta.</summary>
    public static ChangePlan? Since(sqlite3 db, GraphIndex index, long afterSequence)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = 0;
        SqliteRows.Read(db, $"SELECT nodes FROM audit WHERE sequence > ?1 ORDER BY sequence LIMIT {MostEntries + 1}", row =>
        {
            entries++;
            ids.UnionWith(JsonSerializer.Deserialize<string[]>(SqliteRows.Text(row, 0)) ?? []);
        }, afterSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (entries > MostEntries) return null;
        var touched = JsonSerializer.Serialize(ids);

        var nodes = new Dictionary<string, (string Data, GraphNode Node)>(StringComparer.Ordinal);
        SqliteRows.Read(db, "SELECT id, kind, data FROM nodes WHERE id IN (SELECT value FROM json_each(?1))", row =>
        {
            var data = SqliteRows.Text(row, 2);
            nodes[SqliteRows.Text(row, 0)] = (data, SqliteRows.Node(SqliteRows.Text(row, 1), System.Text.Encoding.UTF8.GetBytes(data)));
        }, touched);
        var edges = new Dictionary<string, Edge>(StringComparer.Ordinal);
        SqliteRows.Read(db, $"""
            SELECT {SqliteRows.EdgeColumns} FROM edges WHERE source IN (SELECT value FROM json_each(?1))
            UNION SELECT {SqliteRows.EdgeColumns} FROM edges WHERE target IN (SELECT value FROM json_each(?1))
            """, row => { var edge = SqliteRows.Edge(row); edges[edge.Id] = edge; }, touched);
        var aliases = new Dictionary<(string, string), Alias>();
        SqliteRows.Read(db, "SELECT name, target FROM aliases WHERE target IN (SELECT value FROM json_each(?1))", row =>
        {
            var alias = new Alias(SqliteRows.Text(row, 0), SqliteRows.Text(row, 1));
            aliases[(alias.Key, alias.TargetId)] = alias;
        }, touched);
        var redirects = new List<Redirect>();
        SqliteRows.Read(db, """
            SELECT id, target FROM redirects WHERE id IN (SELECT value FROM json_each(?1)) OR target IN (SELECT value FROM json_each(?1))
            """, row => redirects.Add(new Redirect(SqliteRows.Text(row, 0), SqliteRows.Text(row, 1))), touched);

        // A node whose kind changed was deleted and created again: the snapshot must drop the old one everywhere.
        var nodesToDelete = ids.Where(id => index.Node(id) is { } held && (!nodes.TryGetValue(id, out var stored) || stored.Node.Kind != held.Kind)).ToList();
        var nodesToPut = nodes.Values
            .Where(stored => index.Node(stored.Node.Id) is not { } held || held.Kind != stored.Node.Kind || SqliteRows.Serialize(held) != stored.Data)
            .Select(stored => stored.Node).ToList();

        var heldEdges = ids.SelectMany(id => Enum.GetValues<EdgeKind>().SelectMany(kind => index.Edges(id, kind, Direction.Both))).DistinctBy(e => e.Id).ToList();
        var heldAliases = ids.SelectMany(index.AliasesOf).ToList();
        var heldRedirects = ids.SelectMany(id => index.RedirectsTo(id).Select(from => new Redirect(from, id)))
            .Concat(ids.Where(id => index.RedirectOf(id) is not null).Select(id => new Redirect(id, index.RedirectOf(id)!)))
            .DistinctBy(r => r.From).ToList();

        return new ChangePlan(
            EdgesToDelete: [.. heldEdges.Where(e => !edges.ContainsKey(e.Id))],
            AliasesToDelete: [.. heldAliases.Where(a => !aliases.ContainsKey((a.Key, a.TargetId)))],
            RedirectsToDelete: [.. heldRedirects.Where(r => !redirects.Any(s => s.From == r.From)).Select(r => r.From)],
            NodesToDelete: nodesToDelete,
            NodesToPut: nodesToPut,
            EdgesToPut: [.. edges.Values.Where(e => index.Find(e) != e)],
            AliasesToPut: [.. aliases.Values.Where(a => index.Find(a) != a)],
            // Every redirect read is put: a snapshot drops the redirects to a node it deletes, and a node may come back.
            RedirectsToPut: redirects,
            Audit: []);
    }
}
