using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;
using Microsoft.Extensions.Logging;

namespace CareerGraph.Neo4j;

/// <summary>Start-up: the server's version checked, graph/schema.cypher applied and the indexes waited for, once.</summary>
partial class Neo4jGraphStore
{
    /// <summary>
    /// Checks that the server is Neo4j 5.26 or later, applies graph/schema.cypher (every statement is idempotent) and waits
    /// for the indexes to come online; done once, and tried again after a failure.
    /// </summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        lock (_schemaGate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled) _schema = ApplySchemaAsync();
            return _schema.WaitAsync(cancellationToken);
        }
    }

    private async Task ApplySchemaAsync()
    {
        await CheckVersionAsync();
        foreach (var statement in CypherFiles.Schema())
            await _client.RunAsync(statement, cancellationToken: CancellationToken.None);
        await AwaitIndexesAsync();
    }

    private async Task CheckVersionAsync()
    {
        var settings = _options.Value;
        var result = await _client.RunAsync(CypherFiles.Query("server-version"), cancellationToken: CancellationToken.None);
        var version = result.Single<string?>("version", null);
        if (!Neo4jVersion.IsSupported(version))
            throw new Neo4jException("CareerGraph.UnsupportedNeo4jVersion",
                $"Neo4j at {settings.Uri} is version {version ?? "(unknown)"}; CareerGraph needs Neo4j {Neo4jVersion.Minimum} or later " +
                "(the first with explicit transactions in the Query API). Upgrade Neo4j or point CareerGraph:Neo4j:Uri at a newer server.");
        _logger.LogInformation("Neo4j at {Uri} is version {Version} ({Edition})", settings.Uri, version, result.Single<string?>("edition", null));
    }

    /// <summary>
    /// Waits for the indexes in steps shorter than one request may take, logging progress, until IndexWait runs out:
    /// a large import's indexes may take minutes to fill, and searches before then would miss what is stored.
    /// </summary>
    private async Task AwaitIndexesAsync()
    {
        var settings = _options.Value;
        var step = Math.Max(1, (int)(settings.AttemptTimeout.TotalSeconds * 0.8));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await _client.RunAsync(CypherFiles.Query("await-indexes"), new { seconds = step }, CancellationToken.None);
                return;
            }
            catch (Neo4jException e) when (e.Code.StartsWith("Neo.ClientError.Procedure.", StringComparison.Ordinal))
            {
                if (waited.Elapsed >= settings.IndexWait)
                    throw new Neo4jException(e.Code,
                        $"Neo4j at {settings.Uri} has not finished building its indexes after {waited.Elapsed.TotalMinutes:0.#} min ({e.Message}). " +
                        $"Raise {Neo4jOptions.Section}:IndexWait, or check the index state with SHOW INDEXES.", e);
                _logger.LogInformation("Neo4j at {Uri} is still building indexes after {Seconds:0} s; waiting", settings.Uri, waited.Elapsed.TotalSeconds);
            }
        }
    }
}
