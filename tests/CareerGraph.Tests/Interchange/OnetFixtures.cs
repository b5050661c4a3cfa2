using CareerGraph.Interchange.Onet;
using CareerGraph.Model;

namespace CareerGraph.Tests.Interchange;

/// <summary>The O*NET data the tests read: the small fixture of ours, or the real release beside the checkout.</summary>
public static class OnetFixtures
{
    /// <summary>A few rows in the O*NET text format, some malformed on purpose (see its README.md).</summary>
    public static string Mini => Path.Combine(RepoPaths.Root, "tests", "CareerGraph.Tests", "Fixtures", "onet-mini");

    /// <summary>A copy of the mini fixture in a folder of its own, to break.</summary>
    public static string CopyOfMini(string folder)
    {
        var copy = Directory.CreateDirectory(Path.Combine(folder, "onet-mini")).FullName;
        foreach (var file in Directory.GetFiles(Mini, "*.txt"))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>
    /// A curated graph to link O*NET to: two careers named like O*NET titles; Python (not hot here, hot in O*NET),
    /// "C Sharp" (O*NET's C#, by its alias) and C++ (whose alias "C" is O*NET's C, another language).
    /// </summary>
    public static GraphDocument Curated { get; } = new(
        [
            new Career("machine-learning-engineer", "Machine Learning Engineer") { Source = "curated" },
            new Career("cloud-engineer", "Cloud Engineer") { Source = "curated" },
        ],
        [
            new Skill("python", "Python") { Category = "Programming language", Description = "A general-purpose language.", Source = "curated" },
            new Skill("c-sharp-language", "C Sharp") { Category = "Programming language", Source = "curated" },
            new Skill("c-plus-plus", "C++") { Category = "Programming language", Source = "curated" },
        ],
        [new Industry("technology", "Technology") { Source = "curated" }],
        [new Edge("machine-learning-engineer", "python", EdgeKind.Requires) { Importance = 1, Core = true }],
        [new Alias("ML Engineer", "machine-learning-engineer"), new Alias("C#", "c-sharp-language"), new Alias("C", "c-plus-plus")]);

    /// <summary>The reviewed technology map for <see cref="Curated"/>: Python and C# are curated skills; C is not C++.</summary>
    public static TechnologyMap CuratedTechnologies { get; } = new([new("Python", "python"), new("C#", "c-sharp-language")]);
}

/// <summary>A fact about the real O*NET 27.0 release; skipped, saying why, where ../shared/data/onet-27.0 is absent.</summary>
public sealed class OnetFactAttribute : FactAttribute
{
    public OnetFactAttribute()
    {
        if (RepoPaths.OnetData is null)
            Skip = "O*NET 27.0 is not at ../shared/data/onet-27.0 beside the checkout; the tests over the real release are skipped.";
    }
}
