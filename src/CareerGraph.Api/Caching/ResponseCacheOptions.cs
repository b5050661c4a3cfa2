namespace CareerGraph.Api.Caching;

/// <summary>The answer cache ("CareerGraph:ResponseCache"). Documented in docs/performance.md.</summary>
internal sealed class ResponseCacheOptions
{
    public const string Section = "CareerGraph:ResponseCache";

    /// <summary>Whether answers to anonymous queries are kept and served again while the graph has not changed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The memory the kept answers may take, in bytes (each answer's JSON and its key); when it is full, the least
    /// recently used are dropped. A budget in bytes rather than a count of answers: most answers are a few kilobytes,
    /// so that O*NET's 1,164 careers, the words people search for and the paths they ask for are all kept.
    /// </summary>
    public long MaxBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest answer (serialised, in bytes) kept; larger ones are answered, only not kept.</summary>
    public int MaxAnswerBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// On Neo4j, how long an answer may be served again: other instances write to the same database, and this one
    /// learns of their writes only by asking. Writes made through this instance take effect at once.
    /// </summary>
    public double SharedStoreSeconds { get; set; } = 1;
}
