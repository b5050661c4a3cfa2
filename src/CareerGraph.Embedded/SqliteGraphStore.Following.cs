using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>Following the file: publishing what other connections commit to it (see the type's own summary).</summary>
public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Publishes now what other connections have committed to the file since the snapshot (as the timer of
    /// <see cref="Open"/>'s followEvery does); returns whether there was anything.
    /// </summary>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await LockAsync(cancellationToken);
        bool published;
        try
        {
            published = CatchUp(within: null);
        }
        finally
        {
            _writeLock.Release();
        }
        if (published) ChangeCommitted?.Invoke();
        return published;
    }

    /// <summary>
    /// Looks for other connections' commits every <paramref name="every"/>; a write in progress catches up itself, so a
    /// tick that finds the lock taken is skipped. A full reload runs here, off the request path: reads go on being
    /// answered from the snapshot before it until the new one is published.
    /// </summary>
    private async Task FollowAsync(TimeSpan every, CancellationToken stopping)
    {
        await _loaded.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_loaded.IsCompletedSuccessfully) return; // nothing to follow: the start reports the load's failure
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                if (!await _writeLock.WaitAsync(0, stopping).ConfigureAwait(false)) continue;
                var published = false;
                try
                {
                    published = CatchUp(within: null);
                }
                catch (Exception e) when (e is SqliteException or IOException or JsonException)
                {
                    // The file busy or mid-change: nothing was published, and the next tick tries again.
                }
                finally
                {
                    _writeLock.Release();
                }
                if (published) ChangeCommitted?.Invoke();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Publishes what other connections committed since the snapshot, under the write lock; returns whether it did.
    /// Curation writes come as deltas read back through the audit trail (<see cref="CommittedChanges"/>); an import,
    /// or more changes than a delta is worth, as a fresh load.
    /// </summary>
    private bool CatchUp(SqliteTransaction? within)
    {
        var db = _connection.Handle!;
        if (DataVersion(db) == _dataVersion) return false;
        using var read = within is null ? _connection.BeginTransaction(deferred: true) : null;
        var marks = FileMarks.Read(db);
        var version = DataVersion(db);
        if (marks.ImportGeneration == _marks.ImportGeneration && marks.AuditSequence > _marks.AuditSequence
            && CommittedChanges.Since(db, _index!, _marks.AuditSequence) is { } plan)
        {
            Publish(_index!.With(plan), plan);
            (_marks, _dataVersion) = (marks, version);
        }
        else
        {
            Reload(within ?? read);
        }
        return true;
    }

    /// <summary>Changes whenever another connection commits (read inside a transaction: as of its snapshot).</summary>
    private static long DataVersion(sqlite3 db) => SqliteRows.Integer(db, "PRAGMA data_version");
}
