using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Store;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CareerGraph.Embedded;

/// <summary>
/// The default backend: a SQLite file (WAL) is the durable truth, and an immutable <see cref="GraphIndex"/>
/// built from it answers every read. A write is one SQLite transaction; only after it commits is a new
/// snapshot published, so readers see either all of a change or none of it. The store follows its file: what other
/// connections commit (a second instance, a command-line import) is published as a new snapshot too, by a timer that
/// asks SQLite whether the file changed, and by every write before it plans.
/// </summary>
public sealed class SqliteGraphStore : ICareerGraphStore, IChangeNotifier, ISnapshotVersion, IDisposable
{
    private readonly SqliteConnection _connection;

    /// <summary>Guards the connection and the marks below; reads of the snapshot never take it.</summary>
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private volatile GraphIndex _index = null!;
    private Task _following = Task.CompletedTask;
    private int _disposed;

    /// <summary>SQLite's data_version as the snapshot's read saw it: it changes when another connection commits.</summary>
    private long _dataVersion;

    /// <summary>The audit sequence and import count the snapshot holds.</summary>
    private FileMarks _marks = new(0, 0, "");

    /// <summary>The snapshot file beside the database (<see cref="SnapshotFile"/>); null for a database in memory.</summary>
    private readonly string? _snapshotPath;

    /// <summary>The last snapshot file write started (they run one after another, off the write path).</summary>
    private Task _savingSnapshot = Task.CompletedTask;

    /// <summary>How large the index's overlays may grow before a new base is built (<see cref="GraphIndex.OverlaySize"/>).</summary>
    private readonly int _compactAbove;

    /// <summary>The base being built in the background, if any, and the changes published since it began.</summary>
    private Compaction? _compaction;
    private Task _compacting = Task.CompletedTask;

    /// <summary>The compaction in progress or the last one (for tests).</summary>
    internal Task Compacting => _compacting;

    /// <summary>Whether the last full load read the snapshot file rather than the tables.</summary>
    internal bool LoadedFromSnapshotFile { get; private set; }

    /// <summary>How many compactions were published (for tests).</summary>
    internal int Compactions { get; private set; }

    private sealed record Compaction(GraphIndex From)
    {
        public List<ChangePlan> PlansSince { get; } = [];
    }

    /// <summary>The default of <see cref="EmbeddedOptions.CompactAbove"/>.</summary>
    public const int DefaultCompactAbove = 4096;

    private SqliteGraphStore(SqliteConnection connection, string? snapshotPath, int compactAbove) =>
        (_connection, _snapshotPath, _compactAbove) = (connection, snapshotPath, compactAbove);

    /// <summary>Opens (creating if needed) the store at a file path, or ":memory:" for a throwaway one.</summary>
    /// <param name="followEvery">
    /// How often to look for other connections' commits to the file and publish them; null: only when this store
    /// writes (a command that runs once needs no more).
    /// </param>
    /// <param name="compactAbove">See <see cref="EmbeddedOptions.CompactAbove"/>.</param>
    /// <param name="snapshotFile">See <see cref="EmbeddedOptions.SnapshotFile"/>.</param>
    public static SqliteGraphStore Open(string path, TimeSpan? followEvery = null, int compactAbove = DefaultCompactAbove, bool snapshotFile = true)
    {
        if (path != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, SqliteSchema.Create);
        SqliteSchema.Upgrade(connection);
        string? snapshotPath = null;
        if (path != ":memory:" && snapshotFile)
        {
            snapshotPath = SnapshotFile.PathFor(Path.GetFullPath(path));
            SnapshotFile.RemoveLeftovers(snapshotPath);
        }
        var store = new SqliteGraphStore(connection, snapshotPath, compactAbove);
        store.Reload(within: null);
        // On the thread pool, away from any caller's synchronisation context: Dispose waits for the loop to end.
        if (followEvery is { } every && path != ":memory:") store._following = Task.Run(() => store.FollowAsync(every, store._stopping.Token));
        return store;
    }

    /// <summary>The snapshot reads are answered from now; its <see cref="GraphIndex.Version"/> grows with every snapshot published.</summary>
    public GraphIndex Snapshot => _index;

    long ISnapshotVersion.SnapshotVersion => _index.Version;

    /// <summary>
    /// Publishes now what other connections have committed to the file since the snapshot (as the timer of
    /// <see cref="Open"/>'s followEvery does); returns whether there was anything.
    /// </summary>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
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

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var index = _index;
        return Task.FromResult<IReadOnlyList<GraphNode>>(ids.Distinct().Select(index.Node).OfType<GraphNode>().ToList());
    }

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Resolve(reference, kind, everyMeaning: false));

    public Task<IReadOnlyList<GraphNode>> ResolveEveryMeaningAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Resolve(reference, kind, everyMeaning: true));

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Search.Find(query, cancellationToken));

    public Task<Page<Career>> FindCareersAsync(CareerQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.FindCareers(query));

    public Task<Page<Skill>> FindSkillsAsync(SkillQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.FindSkills(query));

    public Task<Page<Industry>> FindIndustriesAsync(IndustryQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.FindIndustries(query));

    public Task<IReadOnlyList<Edge>> GetEdgesAsync(IReadOnlyCollection<string> nodeIds, EdgeKind kind, Direction direction, CancellationToken cancellationToken = default)
    {
        var index = _index;
        return Task.FromResult<IReadOnlyList<Edge>>(nodeIds.Distinct().SelectMany(id => index.Edges(id, kind, direction)).Distinct().ToList());
    }

    public Task<IReadOnlyList<Alias>> GetAliasesAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        var index = _index;
        return Task.FromResult<IReadOnlyList<Alias>>(nodeIds.Distinct().SelectMany(index.AliasesOf).ToList());
    }

    public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Paths.Find(query, cancellationToken));

    public Task<IReadOnlyList<CareerMove>> FindCareerMovesAsync(CareerMovesQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(CareerMoves.Find(query, _index, _index.Requirements, cancellationToken));

    public Task<IReadOnlyList<CareerMatch>> FindCareerMatchesAsync(CareerMatchesQuery query, CancellationToken cancellationToken = default)
    {
        var index = _index;
        return Task.FromResult(CareerMatches.Find(query, index, index.Requirements, cancellationToken));
    }

    public Task<Subgraph> GetNeighbourhoodAsync(NeighbourhoodQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Neighbourhood(query, cancellationToken));

    public Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Stats());

    public Task<GraphDocument> ExportAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Document);

    public async Task<ImportResult?> ImportAsync(GraphDocument document, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        var published = false;
        try
        {
            ImportResult result;
            // IMMEDIATE: no other connection commits between catching up and this commit, so the comparison holds.
            using (var transaction = _connection.BeginTransaction())
            {
                published = CatchUp(transaction);
                if (options?.OnceKey is { } once && HasImport(once, transaction)) return null;
                var index = _index;

                var violations = GraphRules.Check(
                    document,
                    id => index.Node(id)?.Kind,
                    id => index.Edges(id, EdgeKind.SpecialisationOf, Direction.Outgoing).Select(e => e.Target));
                if (violations.Count > 0) throw new GraphRuleException(violations);

                var writer = new SqliteWriter(_connection, transaction, index);
                result = writer.UpsertNodes(document.Nodes.Select(n => (n.Id, n.Kind, n.Name, SqliteRows.Serialize(n))), SqliteRows.Serialize)
                       + writer.UpsertEdges(document.Edges)
                       + writer.UpsertAliases(document.Aliases);
                if (options?.OnceKey is { } key) writer.RecordImport(key);
                if (result.Created + result.Updated > 0) writer.CountImport();
                transaction.Commit();
            }
            if (result.Created + result.Updated > 0)
            {
                Reload(within: null);
                published = true;
            }
            return result;
        }
        finally
        {
            _writeLock.Release();
            if (published) ChangeCommitted?.Invoke();
        }
    }

    public async Task<ChangeReceipt> ApplyAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        var published = false;
        try
        {
            IReadOnlyList<AuditEntry> entries;
            GraphIndex index;
            ChangePlan plan;
            // IMMEDIATE: the plan is made against everything committed, and nothing else commits before it.
            using (var transaction = _connection.BeginTransaction())
            {
                published = CatchUp(transaction);
                index = _index;
                plan = ChangePlanner.Plan(changes, index);
                if (plan.IsEmpty) return new ChangeReceipt([]);
                entries = new SqliteWriter(_connection, transaction).Execute(plan, SqliteRows.Serialize, changes.Actor, DateTimeOffset.UtcNow);
                transaction.Commit();
            }
            Publish(index.With(plan), plan);
            _marks = _marks with { AuditSequence = entries[^1].Sequence };
            published = true;
            return new ChangeReceipt(entries);
        }
        finally
        {
            _writeLock.Release();
            if (published) ChangeCommitted?.Invoke();
        }
    }

    public event Action? ChangeCommitted;

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT sequence, at, actor, operation, nodes, summary, before, after FROM audit
                WHERE sequence > $after AND sequence <= $held
                  AND ($actor IS NULL OR actor = $actor)
                  AND ($node IS NULL OR sequence IN (SELECT sequence FROM audit_nodes WHERE node = $node))
                ORDER BY sequence
                LIMIT $first
                """;
            command.Parameters.AddWithValue("$after", query.AfterSequence);
            // Only what the snapshot holds: nothing is announced that reads do not answer yet.
            command.Parameters.AddWithValue("$held", _marks.AuditSequence);
            command.Parameters.AddWithValue("$actor", (object?)query.Actor ?? DBNull.Value);
            command.Parameters.AddWithValue("$node", (object?)query.NodeId ?? DBNull.Value);
            command.Parameters.AddWithValue("$first", Math.Max(0, query.First));
            using var reader = command.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(
                    reader.GetInt64(0),
                    DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                    reader.GetString(2),
                    Enum.Parse<AuditOperation>(reader.GetString(3)),
                    JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                    reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
            return entries;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<IReadOnlyDictionary<string, string>> GetRedirectsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var index = _index;
        return Task.FromResult<IReadOnlyDictionary<string, string>>(
            ids.Distinct().Where(id => index.RedirectOf(id) is not null).ToDictionary(id => id, id => index.RedirectOf(id)!));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        _following.GetAwaiter().GetResult();
        _compacting.GetAwaiter().GetResult();
        _savingSnapshot.GetAwaiter().GetResult();
        _connection.Dispose();
        _writeLock.Dispose();
        _stopping.Dispose();
    }

    private bool HasImport(string key, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM imports WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>
    /// Looks for other connections' commits every <paramref name="every"/>; a write in progress catches up itself, so a
    /// tick that finds the lock taken is skipped. A full reload runs here, off the request path: reads go on being
    /// answered from the snapshot before it until the new one is published.
    /// </summary>
    private async Task FollowAsync(TimeSpan every, CancellationToken stopping)
    {
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
            && CommittedChanges.Since(db, _index, _marks.AuditSequence) is { } plan)
        {
            Publish(_index.With(plan), plan);
            (_marks, _dataVersion) = (marks, version);
        }
        else
        {
            Reload(within ?? read);
        }
        return true;
    }

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
        _index = saved ?? LoadIndex(db, next);
        if (saved is null) SaveSnapshot(_index, marks);
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
        var saved = SnapshotFile.Read(_snapshotPath, wanted: held =>
            held.Identity == marks.Identity && held.ImportGeneration == marks.ImportGeneration && held.AuditSequence <= marks.AuditSequence);
        if (saved is null) return null;
        var index = new GraphIndex(saved.Document, saved.Redirects, version);
        if (saved.Marks.AuditSequence < marks.AuditSequence)
        {
            if (CommittedChanges.Since(db, index, saved.Marks.AuditSequence) is not { } plan) return null;
            index = index.With(plan);
        }
        // A last check against edits that bypassed the store (the marks would not show them): the tables' sizes.
        var counts = (
            SqliteRows.Integer(db, "SELECT count(*) FROM nodes"),
            SqliteRows.Integer(db, "SELECT count(*) FROM edges"),
            SqliteRows.Integer(db, "SELECT count(*) FROM aliases"),
            SqliteRows.Integer(db, "SELECT count(*) FROM redirects"));
        return counts == index.Counts ? index : null;
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

    /// <summary>Changes whenever another connection commits (read inside a transaction: as of its snapshot).</summary>
    private static long DataVersion(sqlite3 db) => SqliteRows.Integer(db, "PRAGMA data_version");

    /// <summary>
    /// Reads the whole graph in the caller's read transaction, so the tables agree. Rows are stepped through SQLite's
    /// own API and node JSON is parsed on every core: this is most of the time a large graph takes to open.
    /// </summary>
    private static GraphIndex LoadIndex(sqlite3 db, long version)
    {
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        SqliteRows.Read(db, "SELECT id, target FROM redirects", row => redirects[SqliteRows.Text(row, 0)] = SqliteRows.Text(row, 1));
        return new GraphIndex(Load(db), redirects, version);
    }

    private static GraphDocument Load(sqlite3 db)
    {
        // Node JSON is parsed from SQLite's UTF-8 bytes, never made into a string.
        var rows = new List<(string Kind, byte[] Data)>();
        SqliteRows.Read(db, "SELECT kind, data FROM nodes ORDER BY id", row => rows.Add((SqliteRows.Text(row, 0), raw.sqlite3_column_blob(row, 1).ToArray())));
        var nodes = new GraphNode[rows.Count];
        Parallel.For(0, rows.Count, i => nodes[i] = SqliteRows.Node(rows[i].Kind, rows[i].Data));

        var edges = new List<Edge>();
        SqliteRows.Read(db, $"SELECT {SqliteRows.EdgeColumns} FROM edges ORDER BY source, kind, target", row => edges.Add(SqliteRows.Edge(row)));

        var aliases = new List<Alias>();
        SqliteRows.Read(db, "SELECT name, target FROM aliases ORDER BY key, target", row => aliases.Add(new Alias(SqliteRows.Text(row, 0), SqliteRows.Text(row, 1))));
        return new GraphDocument([.. nodes.OfType<Career>()], [.. nodes.OfType<Skill>()], [.. nodes.OfType<Industry>()], edges, aliases);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
