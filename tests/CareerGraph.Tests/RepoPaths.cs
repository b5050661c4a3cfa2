namespace CareerGraph.Tests;

/// <summary>Where the repository and the shared material beside it are, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>../shared beside the checkout, or null where it is absent (tests that need it skip).</summary>
    public static string? Shared =>
        Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    public static string? OnetData =>
        Shared is { } shared && Directory.Exists(Path.Combine(shared, "data", "onet-27.0")) ? Path.Combine(shared, "data", "onet-27.0") : null;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CareerGraph.sln"))) return folder.FullName;
        throw new InvalidOperationException("Could not find CareerGraph.sln above " + AppContext.BaseDirectory);
    }
}
