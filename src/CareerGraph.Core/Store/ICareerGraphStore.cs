using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;

namespace CareerGraph.Store;

/// <summary>
/// The port every backend implements. Operations are coarse and batched, so that a Neo4j adapter
/// answers each with one Cypher statement and a GraphQL request costs one round trip per nesting level.
/// </summary>
public interface ICareerGraphStore
{
    /// <summary>Nodes of any kind by id; unknown ids are left out.</summary>
    Task<IReadOnlyList<GraphNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// The nodes a reference means: the best of its matches as <see cref="ResolveEveryMeaningAsync"/> orders them
    /// (an id, else a merged-away id's survivor, else a name, else an alias; curated before O*NET at each step), so
    /// the curated "Cloud Engineer" wins over O*NET occupations with that alternate title. More than one result means
    /// the reference is ambiguous.
    /// </summary>
    Task<IReadOnlyList<GraphNode>> ResolveAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every node a reference may mean, each once, best first: the node with that id, the career a merged-away id
    /// now stands for, the nodes with that name, then the nodes with that alias (case-insensitive); at each step
    /// curated nodes before O*NET ones, then by id.
    /// </summary>
    Task<IReadOnlyList<GraphNode>> ResolveEveryMeaningAsync(string reference, NodeKind? kind = null, CancellationToken cancellationToken = default);

    /// <summary>Names and aliases ranked by closeness to the text, tolerant of small typos.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    Task<Page<Career>> FindCareersAsync(CareerQuery query, CancellationToken cancellationToken = default);
    Task<Page<Skill>> FindSkillsAsync(SkillQuery query, CancellationToken cancellationToken = default);
    Task<Page<Industry>> FindIndustriesAsync(IndustryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Edges of one kind touching the given nodes, in the given direction, for many nodes at once.</summary>
    Task<IReadOnlyList<Edge>> GetEdgesAsync(IReadOnlyCollection<string> nodeIds, EdgeKind kind, Direction direction, CancellationToken cancellationToken = default);

    /// <summary>Aliases of the given nodes.</summary>
    Task<IReadOnlyList<Alias>> GetAliasesAsync(IReadOnlyCollection<string> nodeIds, CancellationToken cancellationToken = default);

    /// <summary>Up to k paths between two careers: fewest hops first, then the strongest links.</summary>
    Task<IReadOnlyList<GraphPath>> FindPathsAsync(PathQuery query, CancellationToken cancellationToken = default);

    /// <summary>The best career moves from one career, ranked by <see cref="CareerMoves.Find"/>.</summary>
    Task<IReadOnlyList<CareerMove>> FindCareerMovesAsync(CareerMovesQuery query, CancellationToken cancellationToken = default);

    /// <summary>The careers that best fit a person's skills (ids), ranked by <see cref="CareerMatches.Find"/>.</summary>
    Task<IReadOnlyList<CareerMatch>> FindCareerMatchesAsync(CareerMatchesQuery query, CancellationToken cancellationToken = default);

    /// <summary>The nodes within a number of hops of one node, and the edges among them.</summary>
    Task<Subgraph> GetNeighbourhoodAsync(NeighbourhoodQuery query, CancellationToken cancellationToken = default);

    Task<GraphStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or updates everything in the document, all or nothing; importing the same document twice changes nothing.
    /// With <see cref="ImportOptions.OnceKey"/>, a document already imported under that key is skipped (null is returned).
    /// Throws <see cref="GraphRuleException"/>, storing nothing, when the document breaks a graph rule.
    /// </summary>
    Task<ImportResult?> ImportAsync(GraphDocument document, ImportOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Whether a document was imported under this <see cref="ImportOptions.OnceKey"/>: a caller can skip reading one.</summary>
    Task<bool> WasImportedAsync(string onceKey, CancellationToken cancellationToken = default);

    /// <summary>The whole graph, for export.</summary>
    Task<GraphDocument> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a curator's change set: checked against the stored graph by <see cref="ChangePlanner.Plan"/>,
    /// then written with its audit entries in one transaction. Changes are serialised: no other change
    /// is written between the check and the write. Throws <see cref="GraphRuleException"/>, storing
    /// nothing, when an operation breaks a rule. Readers see all of a change or none of it.
    /// </summary>
    Task<ChangeReceipt> ApplyAsync(ChangeSet changes, CancellationToken cancellationToken = default);

    /// <summary>Accepted operations, oldest first, filtered by the query.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>For those of the ids that belonged to careers merged away: the id of the career each now stands for.</summary>
    Task<IReadOnlyDictionary<string, string>> GetRedirectsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);
}

public sealed record ImportOptions
{
    /// <summary>Import only if nothing was imported under this key before; the key is recorded in the same transaction.</summary>
    public string? OnceKey { get; init; }
}

/// <summary>What an import did: nodes and edges created, updated, or found unchanged.</summary>
public sealed record ImportResult(int Created, int Updated, int Unchanged)
{
    public static ImportResult operator +(ImportResult a, ImportResult b) =>
        new(a.Created + b.Created, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}
