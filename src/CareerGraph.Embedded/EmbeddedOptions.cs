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

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "careergraph", "careergraph.db")
        : Path;

    internal TimeSpan? FollowEvery => FollowMilliseconds > 0 ? TimeSpan.FromMilliseconds(FollowMilliseconds) : null;
}
