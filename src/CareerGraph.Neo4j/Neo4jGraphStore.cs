using CareerGraph.Neo4j.QueryApi;
using CareerGraph.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareerGraph.Neo4j;

/// <summary>
/// The career graph in Neo4j, through the Query API. Every operation is one Cypher statement from graph/queries
/// (an import or a curator's change is one explicit transaction), so a GraphQL request costs one round trip per nesting level.
/// Paths and neighbourhoods are fetched by Cypher and ranked with the same rules as the embedded store.
/// One partial file per job: this one holds the limits and what every part shares; .Schema (start-up and version
/// check), .Reads, .Search, .Paths, .Import, .Curation, .Moves and .Matches the operations.
/// </summary>
public sealed partial class Neo4jGraphStore : ICareerGraphStore
{
    private const string ConstraintValidationFailed = "Neo.ClientError.Schema.ConstraintValidationFailed";

    /// <summary>The longest path career-path-edges and career-moves search: Cypher takes only literal quantifier bounds ({1,8}).</summary>
    public const int MaxPathHops = 8;

    /// <summary>
    /// Refuses, before anything is sent, a path longer than the literal {1,8} that career-path-edges and career-moves
    /// search: Neo4j would silently answer with shorter paths only.
    /// </summary>
    private static void EnsureWithinWalkBound(int maxHops)
    {
        if (maxHops > MaxPathHops)
            throw new ArgumentOutOfRangeException(nameof(maxHops), maxHops,
                $"The Neo4j store walks at most {MaxPathHops} hops (the bound written in graph/queries/career-path-edges.cypher and career-moves.cypher); set CareerGraph:Limits:MaxHops to {MaxPathHops} or less.");
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
        if (maxHops > MaxPathHops)
            problems.Add($"CareerGraph:Limits:MaxHops is {maxHops}, but the Neo4j store walks at most {MaxPathHops} hops (the bound written in graph/queries/career-path-edges.cypher and career-moves.cypher); set it to {MaxPathHops} or less.");
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
}
