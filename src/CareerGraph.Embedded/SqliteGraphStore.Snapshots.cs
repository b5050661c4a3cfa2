using CareerGraph.Curation;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>How snapshots are made: loaded (from the snapshot file or the tables), published, compacted and saved to the file.</summary>
public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Loads the whole graph afresh, in the caller's transaction or a read transaction of its own, and publishes it:
    /// from the snapshot file when it holds this database, else from the tables (and then writes the file anew).
    /// </summary>
    private void Reload(SqliteTransaction? within)
    {
        using var read = within is null ? _connection.BeginTransaction(deferred: true) : null;
        var db = _connection.Handle!;
        var marks = FileMarks.Read(db);
        var version = DataVersion(db);
        var next = _index is null ? 1 : _index.Version + 1;
        var saved = FromSnapshotFile(db, marks, next);
        LoadedFromSnapshotFile = saved is not null;
        var index = _index = saved ?? SqliteReader.Index(db, next);
        if (_searchInBackground) index.BuildSearchInBackground();
        if (saved is null) SaveSnapshot(index, marks);
        (_marks, _dataVersion) = (marks, version);
        _compaction = null; // a base built from an older snapshot is of no use now
    }

    /// <summary>
    /// The index from the snapshot file when it holds this database as of its last import, brought up to date with the
    /// curation writes since from the audit trail; null when there is no such file or it disagrees with the tables.
    /// </summary>
    private GraphIndex? FromSnapshotFile(sqlite3 db, FileMarks marks, long version)
    {
        if (_snapshotPath is null) return null;
        // A last check against edits that bypassed the store (the marks would not show them): the tables' sizes. A count
        // reads all of a table's pages (after a reboot, from the disk), so once the file's marks show it holds this
        // database, they are counted in this read transaction while the rest of the file is read and indexed.
        Task<(long, long, long, long)>? counting = null;
        SnapshotFile.Contents? saved;
        GraphIndex index;
        try
        {
            saved = SnapshotFile.Read(_snapshotPath, wanted: held =>
            {
                if (held.Identity != marks.Identity || held.ImportGeneration != marks.ImportGeneration || held.AuditSequence > marks.AuditSequence) return false;
                counting = Task.Run(() => (
                    SqliteRows.Integer(db, "SELECT count(*) FROM nodes"),
                    SqliteRows.Integer(db, "SELECT count(*) FROM edges"),
                    SqliteRows.Integer(db, "SELECT count(*) FROM aliases"),
                    SqliteRows.Integer(db, "SELECT count(*) FROM redirects")));
                return true;
            });
            if (saved is null) return null;
            index = new GraphIndex(saved.Document, saved.Redirects, version);
        }
        finally
        {
            ((Task?)counting)?.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult(); // the connection is free again
        }
        if (saved.Marks.AuditSequence < marks.AuditSequence)
        {
            if (CommittedChanges.Since(db, index, saved.Marks.AuditSequence) is not { } plan) return null;
            index = index.With(plan);
        }
        return counting!.GetAwaiter().GetResult() == index.Counts ? index : null;
    }

    /// <summary>Writes the snapshot file for an index and the marks it holds, in the background, after any write before it.</summary>
    private void SaveSnapshot(GraphIndex index, FileMarks marks)
    {
        if (_snapshotPath is not { } path) return;
        var previous = _savingSnapshot;
        _savingSnapshot = Task.Run(async () =>
        {
            await previous;
            try
            {
                SnapshotFile.Write(path, marks, index.Document, index.Redirects);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder that cannot take the file (read-only, full): starts read the tables, as without one.
            }
        });
    }

    /// <summary>
    /// Publishes the snapshot a committed change gives (under the write lock); when its overlays have grown past the
    /// bound, starts building a new base in the background.
    /// </summary>
    private void Publish(GraphIndex index, ChangePlan plan)
    {
        _index = index;
        if (_compaction is { } running) running.PlansSince.Add(plan);
        else if (index.OverlaySize > _compactAbove && !_stopping.IsCancellationRequested)
        {
            var compaction = _compaction = new Compaction(index);
            _compacting = Task.Run(() => CompactAsync(compaction));
        }
    }

    /// <summary>
    /// Builds the snapshot a compaction began from afresh, off the write path, then publishes it with the changes
    /// committed meanwhile applied on top: the same data and version, with small overlays again. Readers go on
    /// reading the older snapshots until then.
    /// </summary>
    private async Task CompactAsync(Compaction compaction)
    {
        var built = compaction.From.Compacted();
        if (_searchInBackground) _ = built.Search; // published whole: the next search does not build it
        await _writeLock.WaitAsync();
        try
        {
            if (_compaction != compaction) return; // a fresh load replaced the snapshot meanwhile
            foreach (var plan in compaction.PlansSince) built = built.With(plan);
            _index = built;
            _compaction = null;
            Compactions++;
            SaveSnapshot(built, _marks);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
