namespace CareerGraph.Api.Security;

/// <summary>Limits that keep abusive requests out ("CareerGraph:Limits"). Every default is documented in docs/limits.md.</summary>
internal sealed class LimitOptions
{
    public const string Section = "CareerGraph:Limits";

    /// <summary>Deepest nesting of fields in an operation (fragments counted where they are spread).</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest estimated cost: one per field, lists multiplied by their page size (or 20 when unknown).</summary>
    public int MaxComplexity { get; set; } = 100_000;

    /// <summary>Most field selections written in one document.</summary>
    public int MaxFields { get; set; } = 500;

    /// <summary>Most aliased fields in one document.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Most fragment spreads written in one document.</summary>
    public int MaxFragmentSpreads { get; set; } = 200;

    /// <summary>Most directives on one field, fragment or operation.</summary>
    public int MaxDirectivesPerLocation { get; set; } = 10;

    /// <summary>Most errors in one answer; the rest are summed up in one TOO_MANY_ERRORS.</summary>
    public int MaxErrors { get; set; } = 100;

    public int MaxPageSize { get; set; } = 100;
    public int MaxHops { get; set; } = 8;
    public int MaxPaths { get; set; } = 10;
    public int MaxNeighbourhoodDepth { get; set; } = 3;
    public int MaxNeighbourhoodNodes { get; set; } = 1000;

    /// <summary>Largest request body accepted, in bytes; larger ones get HTTP 413.</summary>
    public long MaxBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Longest time one operation may run, in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Most operations in one batched (JSON array) request; 1 refuses batches.</summary>
    public int MaxBatchSize { get; set; } = 5;

    /// <summary>Whether __schema and __type may be queried. On by default because the IDE at GET /graphql needs it; turn it off where no IDE is served.</summary>
    public bool Introspection { get; set; } = true;

    public RateLimitOptions RateLimit { get; set; } = new();

    public SubscriptionLimitOptions Subscriptions { get; set; } = new();
}

/// <summary>A fixed window per client address on /graphql.</summary>
internal sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per window; 0 turns rate limiting off.</summary>
    public int PermitLimit { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Open subscriptions (over Server-Sent Events or a WebSocket) and what each may hold.</summary>
internal sealed class SubscriptionLimitOptions
{
    /// <summary>Open streams one client address may hold at once.</summary>
    public int PerClient { get; set; } = 5;

    /// <summary>Open streams the service holds at once, all clients together.</summary>
    public int Total { get; set; } = 500;

    /// <summary>A stream that has carried no event for this long ends with "complete"; the client resubscribes with afterSequence.</summary>
    public double IdleSeconds { get; set; } = 900;

    /// <summary>How often a quiet stream sends a keep-alive comment, so that proxies keep it open.</summary>
    public double KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// Events waiting to be sent to one client; a client that stops reading until this many wait is dropped.
    /// Also the most events an afterSequence replay may bring back.
    /// </summary>
    public int BufferedEvents { get; set; } = 256;

    /// <summary>How long a new WebSocket may wait before its connection_init; then it is closed with 4408.</summary>
    public double ConnectionInitSeconds { get; set; } = 3;

    /// <summary>How often the audit trail is read for changes made elsewhere (Neo4j, other instances); the embedded store also says at once.</summary>
    public double PollSeconds { get; set; } = 1;
}
