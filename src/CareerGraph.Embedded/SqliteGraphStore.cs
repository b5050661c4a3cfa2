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
/// snapshot published, so readers see either all of a change or none of it.
/// </summary>
public sealed class SqliteGraphStore : ICareerGraphStore, IChangeNotifier, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile GraphIndex _index;

    /// <summary>SQLite's data_version when the snapshot was loaded: it changes when another connection commits.</summary>
    private long _loadedVersion;

    private SqliteGraphStore(SqliteConnection connection, GraphIndex index, long loadedVersion)
    {
        _connection = connection;
        _index = index;
        _loadedVersion = loadedVersion;
    }

    /// <summary>Opens (creating if needed) the store at a file path, or ":memory:" for a throwaway one.</summary>
    public static SqliteGraphStore Open(string path)
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
        var version = DataVersion(connection);
        return new SqliteGraphStore(connection, LoadIndex(connection, version: 1), version);
    }

    /// <summary>The snapshot reads are answered from now; its <see cref="GraphIndex.Version"/> grows with every write.</summary>
    public GraphIndex Snapshot => _index;

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
        try
        {
            if (options?.OnceKey is { } once && HasImport(once)) return null;
            // Another process may have written to the file: then compare with what it holds now.
            if (DataVersion(_connection) != _loadedVersion) Reload();
            var index = _index;

            var violations = GraphRules.Check(
                document,
                id => index.Node(id)?.Kind,
                id => index.Edges(id, EdgeKind.SpecialisationOf, Direction.Outgoing).Select(e => e.Target));
            if (violations.Count > 0) throw new GraphRuleException(violations);

            ImportResult result;
            using (var transaction = _connection.BeginTransaction())
            {
                var writer = new SqliteWriter(_connection, transaction, index);
                result = writer.UpsertNodes(document.Nodes.Select(n => (n.Id, n.Kind, n.Name, Serialize(n))), Serialize)
                       + writer.UpsertEdges(document.Edges)
                       + writer.UpsertAliases(document.Aliases);
                if (options?.OnceKey is { } key) writer.RecordImport(key);
                transaction.Commit();
            }
            if (result.Created + result.Updated > 0) Reload();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<ChangeReceipt> ApplyAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (DataVersion(_connection) != _loadedVersion) Reload();
            var index = _index;
            var plan = ChangePlanner.Plan(changes, index);
            if (plan.IsEmpty) return new ChangeReceipt([]);

            IReadOnlyList<AuditEntry> entries;
            using (var transaction = _connection.BeginTransaction())
            {
                entries = new SqliteWriter(_connection, transaction).Execute(plan, Serialize, changes.Actor, DateTimeOffset.UtcNow);
                transaction.Commit();
            }
            _index = index.With(plan);
            ChangeCommitted?.Invoke();
            return new ChangeReceipt(entries);
        }
        finally
        {
            _writeLock.Release();
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
                WHERE sequence > $after
                  AND ($actor IS NULL OR actor = $actor)
                  AND ($node IS NULL OR sequence IN (SELECT sequence FROM audit_nodes WHERE node = $node))
                ORDER BY sequence
                LIMIT $first
                """;
            command.Parameters.AddWithValue("$after", query.AfterSequence);
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
        _connection.Dispose();
        _writeLock.Dispose();
    }

    private bool HasImport(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM imports WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is not null;
    }

    private static string Serialize(GraphNode node) => node switch
    {
        Career c => JsonSerializer.Serialize(c with { IsSpecialisation = false }, NodeJson.Default.Career),
        Skill s => JsonSerializer.Serialize(s, NodeJson.Default.Skill),
        Industry i => JsonSerializer.Serialize(i, NodeJson.Default.Industry),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private void Reload()
    {
        _loadedVersion = DataVersion(_connection);
        _index = LoadIndex(_connection, _index.Version + 1);
    }

    private static long DataVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Reads the whole graph in one read transaction, so the tables agree. Rows are stepped through SQLite's own
    /// API and node JSON is parsed on every core: this is most of the time a large graph takes to open.
    /// </summary>
    private static GraphIndex LoadIndex(SqliteConnection connection, long version)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        var db = connection.Handle!;
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        Read(db, "SELECT id, target FROM redirects", row => redirects[Text(row, 0)] = Text(row, 1));
        var document = Load(db);
        transaction.Commit();
        return new GraphIndex(document, redirects, version);
    }

    private static GraphDocument Load(sqlite3 db)
    {
        // Node JSON is parsed from SQLite's UTF-8 bytes, never made into a string.
        var rows = new List<(string Kind, byte[] Data)>();
        Read(db, "SELECT kind, data FROM nodes ORDER BY id", row => rows.Add((Text(row, 0), raw.sqlite3_column_blob(row, 1).ToArray())));
        var nodes = new GraphNode[rows.Count];
        Parallel.For(0, rows.Count, i => nodes[i] = Enum.Parse<NodeKind>(rows[i].Kind) switch
        {
            NodeKind.Career => JsonSerializer.Deserialize(rows[i].Data, NodeJson.Default.Career)!,
            NodeKind.Skill => JsonSerializer.Deserialize(rows[i].Data, NodeJson.Default.Skill)!,
            _ => JsonSerializer.Deserialize(rows[i].Data, NodeJson.Default.Industry)!,
        });

        var edges = new List<Edge>();
        var kinds = Enum.GetValues<EdgeKind>().ToDictionary(k => k.Code(), StringComparer.Ordinal);
        Read(db, "SELECT source, target, kind, importance, core, weight, tier, reason FROM edges ORDER BY source, kind, target", row =>
            edges.Add(new Edge(Text(row, 0), Text(row, 1), kinds[Text(row, 2)])
            {
                Importance = IsNull(row, 3) ? null : raw.sqlite3_column_double(row, 3),
                Core = IsNull(row, 4) ? null : raw.sqlite3_column_int64(row, 4) != 0,
                Weight = IsNull(row, 5) ? null : raw.sqlite3_column_double(row, 5),
                Tier = IsNull(row, 6) ? null : raw.sqlite3_column_int(row, 6),
                Reason = IsNull(row, 7) ? null : Text(row, 7),
            }));

        var aliases = new List<Alias>();
        Read(db, "SELECT name, target FROM aliases ORDER BY key, target", row => aliases.Add(new Alias(Text(row, 0), Text(row, 1))));
        return new GraphDocument([.. nodes.OfType<Career>()], [.. nodes.OfType<Skill>()], [.. nodes.OfType<Industry>()], edges, aliases);
    }

    private static void Read(sqlite3 db, string sql, Action<sqlite3_stmt> row)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) row(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static string Text(sqlite3_stmt row, int column) => raw.sqlite3_column_text(row, column).utf8_to_string();
    private static bool IsNull(sqlite3_stmt row, int column) => raw.sqlite3_column_type(row, column) == raw.SQLITE_NULL;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
