namespace CareerGraph.Api.Caching;

/// <summary>The answer cache ("CareerGraph:ResponseCache"). Documented in docs/performance.md.</summary>
internal sealed class ResponseCacheOptions
{
    public const string Section = "CareerGraph:ResponseCache";

    /// <summary>Whether answers to anonymous queries are kept and served again while the graph has not changed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many answers are kept; the least recently used go first.</summary>
    public int Entries { get; set; } = 1000;

    /// <summary>Largest answer (serialised, in bytes) kept; larger ones are answered, only not kept. Entries × this bounds the memory.</summary>
    public int MaxAnswerBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// On Neo4j, how long an answer may be served again: other instances write to the same database, and this one
    /// learns of their writes only by asking. Writes made through this instance take effect at once.
    /// </summary>
    public double SharedStoreSeconds { get; set; } = 1;
}
