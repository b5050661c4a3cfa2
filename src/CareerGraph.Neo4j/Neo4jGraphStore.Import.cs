using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;

namespace CareerGraph.Neo4j;

/// <summary>Imports: a whole document in one transaction, checked against what the store already holds.</summary>
partial class Neo4jGraphStore
{
    public async Task<ImportResult?> ImportAsync(GraphDocument document, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await ImportInOneTransactionAsync(document, options?.OnceKey, cancellationToken);
        }
        catch (Neo4jException e) when (e.Code == ConstraintValidationFailed && options?.OnceKey is not null)
        {
            // Another instance may have recorded the same import first; then its transaction did the work.
            if (await WasImportedAsync(options.OnceKey, cancellationToken)) return null;
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<ImportResult?> ImportInOneTransactionAsync(GraphDocument document, string? onceKey, CancellationToken cancellationToken)
    {
        string[] named = [.. document.Nodes.Select(n => n.Id)
            .Concat(document.Edges.SelectMany(e => new[] { e.Source, e.Target }))
            .Concat(document.Aliases.Select(a => a.TargetId))
            .Distinct()];

        // Disposing the transaction without a commit rolls it back: nothing of a refused or failed import stays.
        await using var transaction = await _client.BeginAsync(CypherFiles.Query("import-context"), new { ids = named, onceKey }, cancellationToken);
        var stored = StoredContext.Read(transaction.First);
        if (stored.Imported) return null;

        var violations = GraphRules.Check(document, stored.KindOf, stored.ParentsOf);
        if (violations.Count > 0) throw new GraphRuleException(violations);

        var result = new ImportResult(0, 0, 0);
        result += await MergeAsync(transaction, CypherFiles.Query("merge-careers"), document.Careers.Select(GraphRecords.PropertiesOf), cancellationToken);
        result += await MergeAsync(transaction, CypherFiles.Query("merge-skills"), document.Skills.Select(GraphRecords.PropertiesOf), cancellationToken);
        result += await MergeAsync(transaction, CypherFiles.Query("merge-industries"), document.Industries.Select(GraphRecords.PropertiesOf), cancellationToken);
        foreach (var kind in Enum.GetValues<EdgeKind>())
            result += await MergeAsync(transaction, CypherFiles.MergeEdges(kind), document.Edges.Where(e => e.Kind == kind).Select(GraphRecords.EdgeRow), cancellationToken);
        result += await MergeAsync(transaction, CypherFiles.Query("merge-aliases"), document.Aliases.Select(GraphRecords.AliasRow), cancellationToken);
        if (onceKey is not null) await transaction.RunAsync(CypherFiles.Query("record-import"), new { onceKey }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<ImportResult> MergeAsync(QueryApiTransaction transaction, CypherStatement statement, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        var total = new ImportResult(0, 0, 0);
        foreach (var batch in rows.Chunk(_options.Value.BatchSize))
        {
            var result = await transaction.RunAsync(statement, new { rows = batch }, cancellationToken);
            foreach (var (outcome, count) in result.Column<string>("outcome").Zip(result.Column<int>("count")))
                total += outcome switch
                {
                    "created" => new ImportResult(count, 0, 0),
                    "updated" => new ImportResult(0, count, 0),
                    "unchanged" => new ImportResult(0, 0, count),
                    _ => throw new Neo4jException("CareerGraph.UnexpectedResult", $"{statement.Name} reported the outcome '{outcome}'; expected created, updated or unchanged."),
                };
        }
        return total;
    }

    public async Task<bool> WasImportedAsync(string onceKey, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var result = await _client.RunAsync(CypherFiles.Query("import-context"), new { ids = Array.Empty<string>(), onceKey }, cancellationToken);
        return StoredContext.Read(result).Imported;
    }

    /// <summary>What the store holds that an import is checked against (the import-context statement's answer).</summary>
    private sealed class StoredContext
    {
        private readonly Dictionary<string, NodeKind> _kinds;
        private readonly ILookup<string, string> _parents;

        private StoredContext(Dictionary<string, NodeKind> kinds, ILookup<string, string> parents, bool imported)
        {
            _kinds = kinds;
            _parents = parents;
            Imported = imported;
        }

        public bool Imported { get; }

        public NodeKind? KindOf(string id) => _kinds.TryGetValue(id, out var kind) ? kind : null;

        public IEnumerable<string> ParentsOf(string id) => _parents[id];

        public static StoredContext Read(QueryResult result) => new(
            result.Single<KnownNode[]>("known", []).ToDictionary(k => k.Id, k => Enum.Parse<NodeKind>(k.Kind)),
            result.Single<string[][]>("specialisations", []).ToLookup(pair => pair[0], pair => pair[1]),
            result.Single("imported", false));

        private sealed record KnownNode(string Id, string Kind);
    }
}
