namespace CareerGraph.Api.Documents;

/// <summary>Persisted queries and the parsed-document cache ("CareerGraph:Documents"). Documented in docs/limits.md.</summary>
internal sealed class DocumentOptions
{
    public const string Section = "CareerGraph:Documents";

    /// <summary>Whether Automatic Persisted Queries (a SHA-256 hash in place of the document) are accepted.</summary>
    public bool PersistedQueries { get; set; } = true;

    /// <summary>How many persisted queries are remembered, and how many parsed documents kept; the least recently used go first.</summary>
    public int CacheEntries { get; set; } = 1000;

    /// <summary>Longest document (in characters) remembered or kept parsed; longer ones are answered, only not cached.</summary>
    public int MaxCachedLength { get; set; } = 10_000;
}
