using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;

namespace CareerGraph.Neo4j;

// Curation: a change set is one explicit transaction. It opens with load-change-slice (which also takes the audit
// log's lock, serialising changes across every instance of the service), is planned by ChangePlanner against that
// slice, written in the order ChangePlan documents, and committed; a refused or failed change is rolled back.
partial class Neo4jGraphStore
{
    public async Task<ChangeReceipt> ApplyAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var (ids, nameKeys) = ChangePlanner.Reach(changes);
            // Disposing the transaction without a commit rolls it back: nothing of a refused or failed change stays.
            await using var transaction = await _client.BeginAsync(CypherFiles.Query("load-change-slice"), new
            {
                ids = ids.Order(StringComparer.Ordinal).ToArray(),
                nameKeys = nameKeys.Where(k => k.Length > 0).Order(StringComparer.Ordinal).ToArray(),
            }, cancellationToken);
            var (slice, lastSequence) = ReadSlice(transaction.First);

            var plan = ChangePlanner.Plan(changes, slice);
            if (plan.IsEmpty) return new ChangeReceipt([]);

            var at = DateTimeOffset.UtcNow;
            AuditEntry[] entries = [.. plan.Audit.Select((record, i) => AuditEntry.Of(record, lastSequence + 1 + i, at, changes.Actor))];
            await ExecuteAsync(transaction, plan, entries, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ChangeReceipt(entries);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        if (query.First <= 0) return [];
        var result = await _client.RunAsync(CypherFiles.Query("audit-trail"), new
        {
            afterSequence = query.AfterSequence,
            actor = query.Actor,
            nodeId = query.NodeId,
            first = query.First,
        }, cancellationToken);
        return [.. result.Column<AuditEntryRecord>("entry").Select(e => e.ToEntry())];
    }

    public async Task<IReadOnlyDictionary<string, string>> GetRedirectsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return new Dictionary<string, string>();
        var result = await _client.RunAsync(CypherFiles.Query("redirects-of"), new { ids = ids.Distinct().ToArray() }, cancellationToken);
        return result.Column<RedirectRecord>("redirect").ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal);
    }

    /// <summary>The plan's rows, in its documented order: deletes (edges, aliases, redirects, nodes), puts (nodes, edges, aliases, redirects), then the audit.</summary>
    private async Task ExecuteAsync(QueryApiTransaction transaction, ChangePlan plan, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        async Task WriteAsync<T>(CypherStatement statement, IEnumerable<T> items, Func<T[], object> parameters)
        {
            foreach (var batch in items.Chunk(_options.Value.BatchSize))
                await transaction.RunAsync(statement, parameters(batch), cancellationToken);
        }

        await WriteAsync(CypherFiles.Query("delete-edges"), plan.EdgesToDelete, batch => new { rows = batch.Select(GraphRecords.EdgeKeyRow) });
        await WriteAsync(CypherFiles.Query("delete-aliases"), plan.AliasesToDelete, batch => new { rows = batch.Select(GraphRecords.AliasKeyRow) });
        await WriteAsync(CypherFiles.Query("delete-redirects"), plan.RedirectsToDelete, batch => new { ids = batch });
        await WriteAsync(CypherFiles.Query("delete-nodes"), plan.NodesToDelete, batch => new { ids = batch });

        // Puts are the import's MERGE statements: each row is the whole final state of a node, edge or alias.
        await WriteAsync(CypherFiles.Query("merge-careers"), plan.NodesToPut.OfType<Career>(), batch => new { rows = batch.Select(GraphRecords.PropertiesOf) });
        await WriteAsync(CypherFiles.Query("merge-skills"), plan.NodesToPut.OfType<Skill>(), batch => new { rows = batch.Select(GraphRecords.PropertiesOf) });
        await WriteAsync(CypherFiles.Query("merge-industries"), plan.NodesToPut.OfType<Industry>(), batch => new { rows = batch.Select(GraphRecords.PropertiesOf) });
        foreach (var kind in Enum.GetValues<EdgeKind>())
            await WriteAsync(CypherFiles.MergeEdges(kind), plan.EdgesToPut.Where(e => e.Kind == kind), batch => new { rows = batch.Select(GraphRecords.EdgeRow) });
        await WriteAsync(CypherFiles.Query("merge-aliases"), plan.AliasesToPut, batch => new { rows = batch.Select(GraphRecords.AliasRow) });
        await WriteAsync(CypherFiles.Query("put-redirects"), plan.RedirectsToPut, batch => new { rows = batch.Select(GraphRecords.RedirectRow) });

        await WriteAsync(CypherFiles.Query("append-audit-entries"), entries, batch => new { rows = batch.Select(GraphRecords.AuditRow) });
    }

    /// <summary>The load-change-slice answer: the part of the graph the change is checked against, and the last audit sequence used.</summary>
    private static (GraphSlice Slice, long LastSequence) ReadSlice(QueryResult result)
    {
        var nodes = result.Single<NodeRecord[]>("nodes", []).Select(n => n.ToNode()).ToList();
        var document = new GraphDocument(
            [.. nodes.OfType<Career>()],
            [.. nodes.OfType<Skill>()],
            [.. nodes.OfType<Industry>()],
            [.. result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge())],
            [.. result.Single<AliasRecord[]>("aliases", []).Select(a => a.ToAlias())]);
        var redirects = result.Single<RedirectRecord[]>("redirects", []).Select(r => new Redirect(r.From, r.To));
        return (new GraphSlice(document, redirects), result.Single("lastSequence", 0L));
    }
}
