using System.Globalization;
using CareerGraph.Neo4j.Cypher;

namespace CareerGraph.Neo4j.QueryApi;

/// <summary>
/// An explicit transaction of the Query API. Statements in it are never sent twice; disposing it without a
/// commit rolls it back, so a failure part-way leaves nothing behind.
/// </summary>
/// <remarks>
/// The server closes a transaction itself after any error, and drops one that stays idle past its <c>expires</c>
/// (each request pushes that time on). So: a request is not sent once the transaction has expired, a commit refused with
/// a definite error is followed by a rollback, and a commit whose answer never came is reported as of unknown outcome.
/// </remarks>
internal sealed class QueryApiTransaction(QueryApiClient client, string path, string? affinity, string? expires, string uri) : IAsyncDisposable
{
    private string? _affinity = affinity;
    private DateTimeOffset? _expires = ParseExpiry(expires);
    private bool _usable = true;   // false once the server has closed it (an error) or it has expired
    private bool _finished;        // committed, or rolled back by us: nothing left to roll back

    /// <summary>The result of the statement the transaction was opened with.</summary>
    public QueryResult First { get; private set; } = new(null);

    /// <summary>When the server will drop the transaction if nothing more is sent; null when it did not say.</summary>
    public DateTimeOffset? Expires => _expires;

    internal async Task RunFirstAsync(CypherStatement statement, object? parameters, CancellationToken cancellationToken) =>
        First = await RunAsync(statement, parameters, cancellationToken);

    public async Task<QueryResult> RunAsync(CypherStatement statement, object? parameters = null, CancellationToken cancellationToken = default)
    {
        EnsureUsable(statement.Name);
        var response = await SendAsync(HttpMethod.Post, path, statement, parameters, cancellationToken);
        return new QueryResult(response.Data);
    }

    /// <summary>Pushes the transaction's expiry on without running anything (an empty request, as the Query API allows).</summary>
    public async Task KeepAliveAsync(CancellationToken cancellationToken = default)
    {
        EnsureUsable("a keep-alive");
        await SendAsync(HttpMethod.Post, path, null, null, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureUsable("the commit");
        try
        {
            await SendAsync(HttpMethod.Post, path + "/commit", null, null, cancellationToken);
            _finished = true;
        }
        catch (Neo4jUnavailableException e)
        {
            // No answer: the commit may or may not have happened. Sending it again could apply it twice, rolling back could
            // report a failure for a change that is stored; the caller has to look.
            _finished = true;
            throw new Neo4jCommitOutcomeUnknownException(
                $"Neo4j at {uri} did not answer the commit ({e.Message}); the change may or may not be stored. Check the audit trail before trying again.", e);
        }
        catch (Neo4jException)
        {
            // A definite refusal: make sure nothing stays open, holding locks until the transaction expires.
            await RollbackQuietlyAsync();
            throw;
        }
    }

    public async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (_finished) return;
        _finished = true;
        await client.SendAsync(HttpMethod.Delete, path, null, null, repeatable: true, _affinity, cancellationToken);
    }

    public async ValueTask DisposeAsync() => await RollbackQuietlyAsync();

    private async Task RollbackQuietlyAsync()
    {
        try
        {
            await RollbackAsync(CancellationToken.None);
        }
        catch (Neo4jException)
        {
            // The server has already closed a transaction that failed, and drops abandoned ones when they expire;
            // a rollback that finds nothing to roll back changes nothing.
        }
    }

    private async Task<QueryResponse> SendAsync(HttpMethod method, string target, CypherStatement? statement, object? parameters, CancellationToken cancellationToken)
    {
        try
        {
            var (response, affinity) = await client.SendAsync(method, target, statement, parameters, repeatable: false, _affinity, cancellationToken);
            _affinity = affinity;
            if (response.Transaction?.Expires is { } next) _expires = ParseExpiry(next);
            return response;
        }
        catch (Neo4jException e) when (e is not Neo4jUnavailableException)
        {
            _usable = false; // the server closed it
            throw;
        }
    }

    private void EnsureUsable(string what)
    {
        if (_finished) throw new InvalidOperationException("The transaction is already committed or rolled back.");
        if (!_usable) throw new InvalidOperationException("Neo4j closed the transaction after an error; nothing more can run in it.");
        if (_expires is { } expires && DateTimeOffset.UtcNow >= expires)
        {
            _usable = false;
            throw new Neo4jException("CareerGraph.TransactionExpired",
                $"The Neo4j transaction at {uri} expired at {expires:u} before {what} could be sent; Neo4j has rolled it back, so nothing of it is stored. " +
                "Try again; if it keeps happening, raise Neo4j's server.queryapi.transaction_idle_timeout or send smaller batches.");
        }
    }

    private static DateTimeOffset? ParseExpiry(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
