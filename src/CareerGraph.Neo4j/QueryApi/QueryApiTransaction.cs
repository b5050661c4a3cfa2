using CareerGraph.Neo4j.Cypher;

namespace CareerGraph.Neo4j.QueryApi;

/// <summary>
/// An explicit transaction of the Query API. Statements in it are never sent twice; disposing it without a
/// commit rolls it back, so a failure part-way leaves nothing behind.
/// </summary>
internal sealed class QueryApiTransaction(QueryApiClient client, string path, string? affinity, QueryResult first) : IAsyncDisposable
{
    private string? _affinity = affinity;
    private bool _open = true;

    /// <summary>The result of the statement the transaction was opened with.</summary>
    public QueryResult First { get; } = first;

    public async Task<QueryResult> RunAsync(CypherStatement statement, object? parameters = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var (response, affinity) = await client.SendAsync(HttpMethod.Post, path, statement, parameters, repeatable: false, _affinity, cancellationToken);
        _affinity = affinity;
        return new QueryResult(response.Data);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        _open = false;
        await client.SendAsync(HttpMethod.Post, path + "/commit", null, null, repeatable: false, _affinity, cancellationToken);
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (!_open) return;
        _open = false;
        await client.SendAsync(HttpMethod.Delete, path, null, null, repeatable: true, _affinity, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RollbackAsync();
        }
        catch (Neo4jException)
        {
            // The server closes a transaction after an error of its own, and expires abandoned ones;
            // a rollback that finds nothing to roll back changes nothing.
        }
    }

    private void EnsureOpen()
    {
        if (!_open) throw new InvalidOperationException("The transaction is already committed or rolled back.");
    }
}
