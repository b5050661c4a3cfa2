namespace CareerGraph.Embedded;

/// <summary>The embedded store's settings ("CareerGraph:Embedded").</summary>
public sealed class EmbeddedOptions
{
    /// <summary>The SQLite file; empty means careergraph.db in the user's local data folder.</summary>
    public string Path { get; set; } = "";

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "careergraph", "careergraph.db")
        : Path;
}
