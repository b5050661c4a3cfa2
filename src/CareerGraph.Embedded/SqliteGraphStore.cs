using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Store;
using Microsoft.Data.Sqlite;

namespace CareerGraph.Embedded;

/// <summary>
/// The default backend: a SQLite file (WAL) is the durable truth, and an immutable <see cref="GraphIndex"/>
/// built from it answers every read. A write is one SQLite transaction; only after it commits is a new
/// snapshot published, so readers see either all of a change or none of it. The store follows its file: what other
/// connections commit (a second instance, a command-line import) is published as a new snapshot too, by a timer that
/// asks SQLite whether the file changed, and by every write before it plans.
/// </summary>
public sealed partial class SqliteGraphStore : ICareerGraphStore, IChangeNotifier, ISnapshotStore, IDisposable
{
    private readonly SqliteConnection _connection;

    /// <summary>Guards the connection and the marks below; reads of the snapshot never take it.</summary>
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private volatile GraphIndex? _index;
    private Task _loaded = Task.CompletedTask;
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
    /// <param name="loadInBackground">
    /// Return once the file is open and load the graph on the thread pool (<see cref="Loaded"/>): a service builds its
    /// schema meanwhile. Until the load ends, reads wait for it and so does everything that uses the file.
    /// </param>
    public static SqliteGraphStore Open(
        string path, TimeSpan? followEvery = null, int compactAbove = DefaultCompactAbove, bool snapshotFile = true, bool loadInBackground = false)
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
        // What waited for the load goes on by itself on the thread pool, not inline in the load's completion one after
        // another: a command that waited, worked and closed the store would otherwise wait for the loop following the
        // file, whose own wait for the load is queued behind it.
        if (loadInBackground)
            store._loaded = Task.Factory.StartNew(store.FirstLoad, CancellationToken.None,
                TaskCreationOptions.DenyChildAttach | TaskCreationOptions.RunContinuationsAsynchronously, TaskScheduler.Default);
        else store.Reload(within: null);
        // On the thread pool, away from any caller's synchronisation context: Dispose waits for the loop to end.
        if (followEvery is { } every && path != ":memory:") store._following = Task.Run(() => store.FollowAsync(every, store._stopping.Token));
        return store;
    }

    /// <summary>
    /// From now on, the search index of every snapshot loaded is built in the background as soon as it is loaded,
    /// starting with the current one. Until this is called (a service calls it once it listens), a search index is built
    /// by the first search that needs it, so opening the store and the service's start do not share the processor with it.
    /// </summary>
    public void BuildSearchInBackground()
    {
        _searchInBackground = true;
        Index.BuildSearchInBackground();
    }

    private volatile bool _searchInBackground;

    /// <summary>Completes when the graph is loaded: at once, unless opened to load in the background; faults with what stopped the load.</summary>
    public Task Loaded => _loaded;

    /// <summary>The snapshot reads are answered from now; its <see cref="GraphIndex.Version"/> grows with every snapshot published.</summary>
    public GraphIndex Snapshot => Index;

    long ISnapshotStore.SnapshotVersion => Index.Version;

    IGraphFacts ISnapshotStore.Snapshot => Index;

    private void FirstLoad()
    {
        try
        {
            Reload(within: null);
        }
        catch (Exception e)
        {
            // The load's parts run side by side: the first reason is the one to tell.
            throw new GraphLoadException(_connection.DataSource, e is AggregateException parts ? parts.Flatten().InnerExceptions[0] : e);
        }
    }

    /// <summary>The snapshot, once the first load has published one (a read during a load in the background waits for it).</summary>
    private GraphIndex Index => _index ?? LoadedIndex();

    private GraphIndex LoadedIndex()
    {
        _loaded.GetAwaiter().GetResult();
        return _index!;
    }

    /// <summary>Takes the write lock, which guards the connection, once the first load has ended (failing as it failed).</summary>
    private async Task LockAsync(CancellationToken cancellationToken)
    {
        await _loaded.WaitAsync(cancellationToken);
        await _writeLock.WaitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var index = Index;
        var nodes = new List<GraphNode>(ids.Count);
        foreach (var id in ids.Distinct())
            if (index.Node(id) is { } node) nodes.Add(node);
        return Task.FromResult<IReadOnlyList<GraphNode>>(nodes);
    }

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Resolve(reference, kind, everyMeaning: false));

    public Task<IReadOnlyList<GraphNode>> ResolveEveryMeaningAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Resolve(reference, kind, everyMeaning: true));

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Search.Find(query, cancellationToken));

    public Task<Page<Career>> FindCareersAsync(CareerQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.FindCareers(query));

    public Task<Page<Skill>> FindSkillsAsync(SkillQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.FindSkills(query));

    public Task<Page<Industry>> FindIndustriesAsync(IndustryQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.FindIndustries(query));

    public Task<IReadOnlyList<Edge>> GetEdgesAsync(IReadOnlyCollection<string> nodeIds, EdgeKind kind, Direction direction, CancellationToken cancellationToken = default)
    {
        var index = Index;
        // An edge has one source and one target (one stored edge per source, kind and target): only a lookup in
        // both directions can meet an edge twice.
        if (direction == Direction.Both)
            return Task.FromResult<IReadOnlyList<Edge>>(nodeIds.Distinct().SelectMany(id => index.Edges(id, kind, direction)).Distinct().ToList());
        var edges = new List<Edge>();
        foreach (var id in nodeIds.Distinct()) edges.AddRange(index.Edges(id, kind, direction));
        return Task.FromResult<IReadOnlyList<Edge>>(edges);
    }

    public Task<IReadOnlyList<Alias>> GetAliasesAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        var index = Index;
        return Task.FromResult<IReadOnlyList<Alias>>(nodeIds.Distinct().SelectMany(index.AliasesOf).ToList());
    }

    public Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Paths.Find(query, cancellationToken));

    public Task<IReadOnlyList<CareerMove>> FindCareerMovesAsync(CareerMovesQuery query, CancellationToken cancellationToken = default)
    {
        var index = Index;
        return Task.FromResult(CareerMoves.Find(query, index, index.Requirements, cancellationToken));
    }

    public Task<IReadOnlyList<CareerMatch>> FindCareerMatchesAsync(CareerMatchesQuery query, CancellationToken cancellationToken = default)
    {
        var index = Index;
        return Task.FromResult(CareerMatches.Find(query, index, index.Requirements, cancellationToken));
    }

    public Task<Subgraph> GetNeighbourhoodAsync(NeighbourhoodQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Neighbourhood(query, cancellationToken));

    public Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Stats());

    public Task<GraphDocument> ExportAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Index.Document);

    public async Task<ImportResult?> ImportAsync(GraphDocument document, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        await LockAsync(cancellationToken);
        var published = false;
        try
        {
            ImportResult result;
            // IMMEDIATE: no other connection commits between catching up and this commit, so the comparison holds.
            using (var transaction = _connection.BeginTransaction())
            {
                published = CatchUp(transaction);
                if (options?.OnceKey is { } once && HasImport(once, transaction)) return null;
                var index = Index;

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
        await LockAsync(cancellationToken);
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
                index = Index;
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
        await LockAsync(cancellationToken);
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
        var index = Index;
        return Task.FromResult<IReadOnlyDictionary<string, string>>(
            ids.Distinct().Where(id => index.RedirectOf(id) is not null).ToDictionary(id => id, id => index.RedirectOf(id)!));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        _loaded.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        _following.GetAwaiter().GetResult();
        _compacting.GetAwaiter().GetResult();
        _savingSnapshot.GetAwaiter().GetResult();
        _connection.Dispose();
        _writeLock.Dispose();
        _stopping.Dispose();
    }

    public async Task<bool> WasImportedAsync(string onceKey, CancellationToken cancellationToken = default)
    {
        await LockAsync(cancellationToken);
        try
        {
            return HasImport(onceKey, transaction: null);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private bool HasImport(string key, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM imports WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is not null;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
