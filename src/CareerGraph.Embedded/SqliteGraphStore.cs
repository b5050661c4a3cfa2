using System.Text.Json;
using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Store;
using Microsoft.Data.Sqlite;

namespace CareerGraph.Embedded;

/// <summary>
/// The default backend: a SQLite file (WAL) is the durable truth, and an immutable <see cref="GraphIndex"/>
/// built from it answers every read. A write is one SQLite transaction; only after it commits is a new
/// snapshot published, so readers see either all of a change or none of it.
/// </summary>
public sealed class SqliteGraphStore : ICareerGraphStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile GraphIndex _index;

    private SqliteGraphStore(SqliteConnection connection, GraphIndex index)
    {
        _connection = connection;
        _index = index;
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
        return new SqliteGraphStore(connection, LoadIndex(connection));
    }

    /// <summary>The snapshot reads are answered from now.</summary>
    public GraphIndex Snapshot => _index;

    public Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var index = _index;
        return Task.FromResult<IReadOnlyList<GraphNode>>(ids.Distinct().Select(index.Node).OfType<GraphNode>().ToList());
    }

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Resolve(reference, kind));

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Search.Find(query));

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

    public Task<IReadOnlyList<Route>> FindRoutesAsync(RouteQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Routes.Find(query));

    public Task<Subgraph> GetNeighbourhoodAsync(NeighbourhoodQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Neighbourhood(query));

    public Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Stats());

    public Task<GraphDocument> ExportAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_index.Document);

    public async Task<ImportResult?> ImportAsync(GraphDocument document, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var index = _index;
            if (options?.OnceKey is { } once && HasImport(once)) return null;

            var violations = GraphRules.Check(
                document,
                id => index.Node(id)?.Kind,
                id => index.Edges(id, EdgeKind.SpecialisationOf, Direction.Outgoing).Select(e => e.Target));
            if (violations.Count > 0) throw new GraphRuleException(violations);

            ImportResult result;
            using (var transaction = _connection.BeginTransaction())
            {
                var writer = new SqliteWriter(_connection, transaction);
                result = writer.UpsertNodes(document.Nodes.Select(n => (n.Id, n.Kind, n.Name, Serialize(n))))
                       + writer.UpsertEdges(document.Edges)
                       + writer.UpsertAliases(document.Aliases);
                if (options?.OnceKey is { } key) writer.RecordImport(key);
                transaction.Commit();
            }
            _index = LoadIndex(_connection);
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
            return new ChangeReceipt(entries);
        }
        finally
        {
            _writeLock.Release();
        }
    }

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
        Career c => JsonSerializer.Serialize(c with { IsSpecialisation = false }, Json),
        Skill s => JsonSerializer.Serialize(s, Json),
        Industry i => JsonSerializer.Serialize(i, Json),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static GraphIndex LoadIndex(SqliteConnection connection)
    {
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, target FROM redirects";
            using var reader = command.ExecuteReader();
            while (reader.Read()) redirects[reader.GetString(0)] = reader.GetString(1);
        }
        return new GraphIndex(Load(connection), redirects);
    }

    private static GraphDocument Load(SqliteConnection connection)
    {
        var careers = new List<Career>();
        var skills = new List<Skill>();
        var industries = new List<Industry>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT kind, data FROM nodes ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var data = reader.GetString(1);
                switch (Enum.Parse<NodeKind>(reader.GetString(0)))
                {
                    case NodeKind.Career: careers.Add(JsonSerializer.Deserialize<Career>(data, Json)!); break;
                    case NodeKind.Skill: skills.Add(JsonSerializer.Deserialize<Skill>(data, Json)!); break;
                    case NodeKind.Industry: industries.Add(JsonSerializer.Deserialize<Industry>(data, Json)!); break;
                }
            }
        }

        var edges = new List<Edge>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT source, target, kind, importance, core, weight, tier FROM edges ORDER BY source, kind, target";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                edges.Add(new Edge(reader.GetString(0), reader.GetString(1), EdgeKinds.FromCypherName(reader.GetString(2)))
                {
                    Importance = reader.IsDBNull(3) ? null : reader.GetDouble(3),
                    Core = reader.IsDBNull(4) ? null : reader.GetInt64(4) != 0,
                    Weight = reader.IsDBNull(5) ? null : reader.GetDouble(5),
                    Tier = reader.IsDBNull(6) ? null : reader.GetInt32(6),
                });
            }
        }

        var aliases = new List<Alias>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, target FROM aliases ORDER BY key, target";
            using var reader = command.ExecuteReader();
            while (reader.Read()) aliases.Add(new Alias(reader.GetString(0), reader.GetString(1)));
        }
        return new GraphDocument(careers, skills, industries, edges, aliases);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
