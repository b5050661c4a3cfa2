namespace CareerGraph.Embedded;

/// <summary>The embedded store's settings ("CareerGraph:Embedded").</summary>
public sealed class EmbeddedOptions
{
    /// <summary>The SQLite file; empty means careergraph.db in the user's local data folder.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// How often the store looks for what other processes committed to the file (a second instance, an import from the
    /// command line) and starts answering from it; 0 turns following off.
    /// </summary>
    public int FollowMilliseconds { get; set; } = 250;

    /// <summary>
    /// How many changed entries the in-memory index holds on top of its read-optimised base before the store builds a
    /// new base in the background (see <see cref="GraphIndex.OverlaySize"/>).
    /// </summary>
    public int CompactAbove { get; set; } = SqliteGraphStore.DefaultCompactAbove;

    /// <summary>
    /// Whether the store keeps the graph in a snapshot file beside the database ("&lt;file&gt;.snapshot") so that a
    /// start reads one file instead of every table; false: every start reads the tables and no file is written.
    /// </summary>
    public bool SnapshotFile { get; set; } = true;

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "careergraph", "careergraph.db")
        : Path;

    internal TimeSpan? FollowEvery => FollowMilliseconds > 0 ? TimeSpan.FromMilliseconds(FollowMilliseconds) : null;
}
