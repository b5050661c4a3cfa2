using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Paths;
using CareerGraph.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareerGraph.Neo4j;

/// <summary>
/// The career graph in Neo4j, through the Query API. Every operation is one Cypher statement from graph/queries
/// (an import or a curator's change is one explicit transaction), so a GraphQL request costs one round trip per nesting level.
/// Walks and neighbourhoods are fetched by Cypher and ranked with the same rules as the embedded store.
/// </summary>
public sealed partial class Neo4jGraphStore : ICareerGraphStore
{
    private const string ConstraintValidationFailed = "Neo.ClientError.Schema.ConstraintValidationFailed";

    /// <summary>The longest walk career-walk-edges and career-moves search: Cypher takes only literal quantifier bounds ({1,8}).</summary>
    public const int MaxWalkHops = 8;

    /// <summary>
    /// Refuses, before anything is sent, a walk longer than the literal {1,8} that career-walk-edges and career-moves
    /// search: Neo4j would silently answer with shorter walks only.
    /// </summary>
    private static void EnsureWithinWalkBound(int maxHops)
    {
        if (maxHops > MaxWalkHops)
            throw new ArgumentOutOfRangeException(nameof(maxHops), maxHops,
                $"The Neo4j store walks at most {MaxWalkHops} hops (the bound written in graph/queries/career-walk-edges.cypher and career-moves.cypher); set CareerGraph:Limits:MaxHops to {MaxWalkHops} or less.");
    }

    /// <summary>The deepest neighbourhood the neighbourhood statement searches (its literal bound {1,3}).</summary>
    public const int MaxNeighbourhoodDepth = 3;

    /// <summary>
    /// What is wrong with limits that let a request ask for more than the statements can search: such a service would
    /// fail every such request, so it should not start. Empty when the limits fit.
    /// </summary>
    public static IReadOnlyList<string> LimitProblems(int maxHops, int maxNeighbourhoodDepth)
    {
        var problems = new List<string>();
        if (maxHops > MaxWalkHops)
            problems.Add($"CareerGraph:Limits:MaxHops is {maxHops}, but the Neo4j store walks at most {MaxWalkHops} hops (the bound written in graph/queries/career-walk-edges.cypher and career-moves.cypher); set it to {MaxWalkHops} or less.");
        if (maxNeighbourhoodDepth > MaxNeighbourhoodDepth)
            problems.Add($"CareerGraph:Limits:MaxNeighbourhoodDepth is {maxNeighbourhoodDepth}, but the Neo4j store searches neighbourhoods at most {MaxNeighbourhoodDepth} hops deep (the bound written in graph/queries/neighbourhood.cypher); set it to {MaxNeighbourhoodDepth} or less.");
        return problems;
    }

    private readonly QueryApiClient _client;
    private readonly IOptions<Neo4jOptions> _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _schemaGate = new();
    private Task? _schema;

    internal Neo4jGraphStore(QueryApiClient client, IOptions<Neo4jOptions> options, ILogger<Neo4jGraphStore>? logger = null)
    {
        _client = client;
        _options = options;
        _logger = logger ?? NullLogger<Neo4jGraphStore>.Instance;
    }

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

    public async Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        var result = await _client.RunAsync(CypherFiles.Query("nodes-by-id"), new { ids = ids.Distinct().ToArray() }, cancellationToken);
        return [.. result.Column<NodeRecord>("node").Select(n => n.ToNode())];
    }

    public Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(reference, kind, everyMeaning: false, cancellationToken);

    public Task<IReadOnlyList<GraphNode>> ResolveEveryMeaningAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default) =>
        ResolveAsync(reference, kind, everyMeaning: true, cancellationToken);

    private async Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind, bool everyMeaning, CancellationToken cancellationToken)
    {
        var result = await _client.RunAsync(CypherFiles.Query("nodes-by-reference"),
            new { id = reference.Trim(), key = Names.Key(reference), kind = kind?.ToString(), every = everyMeaning, onet = Sources.Onet }, cancellationToken);
        return [.. result.Column<NodeRecord>("node").Select(n => n.ToNode())];
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.First <= 0 || SearchText.ToLucene(query.Text) is not { } lucene) return [];
        await EnsureSchemaAsync(cancellationToken);
        var result = await _client.RunAsync(CypherFiles.Query("search-names"), new
        {
            lucene,
            candidates = Math.Max(200, query.First * 10),
            kinds = query.Kinds.Select(k => k.ToString()).Order(StringComparer.Ordinal).ToArray(),
            first = query.First,
        }, cancellationToken);

        var hits = result.Column<NodeRecord>("node")
            .Zip(result.Column<string>("matched"), result.Column<bool>("viaAlias"))
            .Zip(result.Column<double>("score"), (hit, score) => (Node: hit.First.ToNode(), Matched: hit.Second, ViaAlias: hit.Third, Score: score))
            .ToList();
        if (hits.Count == 0) return [];

        // Lucene scores have no upper bound: 1 is kept for an exact name or alias, the rest are relative to the best hit.
        var key = Names.Key(query.Text);
        var best = hits.Max(h => h.Score);
        return [.. hits
            .Select(h => new SearchHit(h.Node, h.Matched, h.ViaAlias,
                Names.Key(h.Matched) == key ? 1.0 : Math.Round(Math.Max(0.0001, 0.9 * h.Score / best), 4)))
            .OrderByDescending(h => h.Score)];
    }

    public async Task<Page<Career>> FindCareersAsync(CareerQuery query, CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("careers-page"), new
        {
            nameContains = query.NameContains?.Trim(),
            isSpecialisation = query.IsSpecialisation,
            category = query.Category,
            hasSkill = query.HasSkill,
            inIndustry = query.InIndustry,
            descending = query.Sort == SortOrder.NameDescending,
            skip = Math.Max(0, query.Page.Skip),
            take = Math.Max(0, query.Page.Take),
        }, cancellationToken);
        return PageOf<Career>(result, query.Page);
    }

    public async Task<Page<Skill>> FindSkillsAsync(SkillQuery query, CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("skills-page"), new
        {
            nameContains = query.NameContains?.Trim(),
            category = query.Category,
            hot = query.Hot,
            requiredBy = query.RequiredBy,
            descending = query.Sort == SortOrder.NameDescending,
            skip = Math.Max(0, query.Page.Skip),
            take = Math.Max(0, query.Page.Take),
        }, cancellationToken);
        return PageOf<Skill>(result, query.Page);
    }

    public async Task<Page<Industry>> FindIndustriesAsync(IndustryQuery query, CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("industries-page"), new
        {
            nameContains = query.NameContains?.Trim(),
            descending = query.Sort == SortOrder.NameDescending,
            skip = Math.Max(0, query.Page.Skip),
            take = Math.Max(0, query.Page.Take),
        }, cancellationToken);
        return PageOf<Industry>(result, query.Page);
    }

    public async Task<IReadOnlyList<Edge>> GetEdgesAsync(IReadOnlyCollection<string> nodeIds, EdgeKind kind, Direction direction, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0) return [];
        var ids = nodeIds.Distinct().ToArray();
        var result = await _client.RunAsync(CypherFiles.EdgesOf(kind), new
        {
            sources = direction is Direction.Outgoing or Direction.Both ? ids : [],
            targets = direction is Direction.Incoming or Direction.Both ? ids : [],
        }, cancellationToken);
        return [.. result.Column<EdgeRecord>("edge").Select(e => e.ToEdge())];
    }

    public async Task<IReadOnlyList<Alias>> GetAliasesAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default)
    {
        if (nodeIds.Count == 0) return [];
        var result = await _client.RunAsync(CypherFiles.Query("aliases-of"), new { ids = nodeIds.Distinct().ToArray() }, cancellationToken);
        return [.. result.Column<AliasRecord>("alias").Select(a => a.ToAlias())];
    }

    public async Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken = default)
    {
        if (query.K <= 0) return [];
        EnsureWithinWalkBound(query.MaxHops);
        var result = await _client.RunAsync(CypherFiles.Query("career-walk-edges"), new
        {
            from = query.From,
            to = query.To,
            via = query.Via.Select(k => k.Code()).Distinct().ToArray(),
            minWeight = query.MinWeight,
            maxHops = Math.Max(0, query.MaxHops),
        }, cancellationToken);
        var careers = result.Single<string[]>("careers", []);
        var edges = result.Single<EdgeRecord[]>("edges", []);
        return new PathFinder(careers, edges.Select(e => e.ToEdge())).Find(query, cancellationToken);
    }

    public async Task<Subgraph> GetNeighbourhoodAsync(NeighbourhoodQuery query, CancellationToken cancellationToken = default)
    {
        var kinds = query.EdgeKinds.Count > 0 ? query.EdgeKinds : Enum.GetValues<EdgeKind>();
        var maxNodes = Math.Max(1, query.MaxNodes);
        if (query.Depth > MaxNeighbourhoodDepth)
            throw new ArgumentOutOfRangeException(nameof(query), query.Depth,
                $"The Neo4j store searches neighbourhoods at most {MaxNeighbourhoodDepth} hops deep (the bound written in graph/queries/neighbourhood.cypher); set CareerGraph:Limits:MaxNeighbourhoodDepth to {MaxNeighbourhoodDepth} or less.");
        var result = await _client.RunAsync(CypherFiles.Query("neighbourhood"), new
        {
            id = query.Id,
            types = kinds.Select(k => k.Code()).Distinct().ToArray(),
            depth = Math.Max(0, query.Depth),
            maxNodes,
        }, cancellationToken);
        if (result.Rows.Count == 0) return new Subgraph([], [], false);

        var reached = result.Single<ReachedNode[]>("nodes", []);
        var nodes = reached.Select(r => (Node: r.Node.ToNode(), r.Distance)).ToList();
        var edges = result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge()).ToList();
        var centre = nodes.Single(n => n.Distance == 0).Node;
        var truncated = result.Single("total", 0) > maxNodes;
        // Neo4j supplies the nodes of every level the walk can reach and the edges among them; the walk is Core's.
        var byId = nodes.ToDictionary(n => n.Node.Id, n => n.Node);
        var touching = edges.SelectMany(e => new[] { (Node: e.Source, Edge: e), (Node: e.Target, Edge: e) }).ToLookup(x => x.Node, x => x.Edge);
        var walk = NeighbourhoodFinder.Find(centre, query, byId.GetValueOrDefault, id => touching[id], cancellationToken);
        return walk with { Truncated = walk.Truncated || truncated };
    }

    public async Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("graph-stats"), cancellationToken: cancellationToken);
        int Count(string field) => result.Single(field, 0);
        return new GraphStats(
            new Dictionary<NodeKind, int>
            {
                [NodeKind.Career] = Count("careers"),
                [NodeKind.Skill] = Count("skills"),
                [NodeKind.Industry] = Count("industries"),
            },
            new Dictionary<EdgeKind, int>
            {
                [EdgeKind.Requires] = Count("requires"),
                [EdgeKind.InIndustry] = Count("inIndustry"),
                [EdgeKind.SpecialisationOf] = Count("specialisationOf"),
                [EdgeKind.SeeAlso] = Count("seeAlso"),
            },
            Count("aliasNames"),
            Count("aliasLinks"));
    }

    public async Task<GraphDocument> ExportAsync(CancellationToken cancellationToken = default)
    {
        var result = await _client.RunAsync(CypherFiles.Query("whole-graph"), cancellationToken: cancellationToken);
        var nodes = result.Single<NodeRecord[]>("nodes", []).Select(n => n.ToNode()).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        return new GraphDocument(
            [.. nodes.OfType<Career>()],
            [.. nodes.OfType<Skill>()],
            [.. nodes.OfType<Industry>()],
            [.. result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge())],
            [.. result.Single<AliasRecord[]>("aliases", []).Select(a => a.ToAlias())]);
    }

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

    private async Task<bool> WasImportedAsync(string onceKey, CancellationToken cancellationToken)
    {
        var result = await _client.RunAsync(CypherFiles.Query("import-context"), new { ids = Array.Empty<string>(), onceKey }, cancellationToken);
        return StoredContext.Read(result).Imported;
    }

    private static Page<T> PageOf<T>(QueryResult result, PageRequest page) where T : GraphNode =>
        new([.. result.Single<NodeRecord[]>("page", []).Select(n => n.ToNode()).Cast<T>()], result.Single("total", 0), page.Skip);

    /// <summary>A node of a neighbourhood and its distance from the centre.</summary>
    private sealed record ReachedNode(NodeRecord Node, int Distance);

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
