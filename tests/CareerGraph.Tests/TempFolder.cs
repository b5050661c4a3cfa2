namespace CareerGraph.Tests;

/// <summary>A folder of its own for one test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "careergraph-tests", Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A new folder in this one holding copies of the curated seed files, to change without touching the repository's.</summary>
    public string CopyOfSeeds()
    {
        var folder = Directory.CreateDirectory(File(Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.Seeds, "*.json"))
            System.IO.File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        return folder;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
