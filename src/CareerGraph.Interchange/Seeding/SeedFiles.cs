using System.Text.Json;
using System.Text.Json.Serialization;
using CareerGraph.Model;

namespace CareerGraph.Interchange.Seeding;

/// <summary>A problem in the seed files: which file, where in it, and what to fix.</summary>
public sealed record SeedProblem(string File, string Path, long? Line, string Code, string Message)
{
    public override string ToString() =>
        $"{File}: {Path}{(Line is { } line ? $" (line {line})" : "")}: {Message} [{Code}]";
}

public sealed class SeedException(IReadOnlyList<SeedProblem> problems)
    : Exception("The seed files are invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public IReadOnlyList<SeedProblem> Problems { get; } = problems;
}

/// <summary>
/// Reads the curated seeds: industries.json, skills.json and careers.json in one folder.
/// The format is documented in seeds/README.md; every problem names its file and JSON path.
/// </summary>
public static class SeedFiles
{
    public const string Industries = "industries.json";
    public const string Skills = "skills.json";
    public const string Careers = "careers.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static GraphDocument Read(string folder)
    {
        var problems = new List<SeedProblem>();
        var industries = ReadFile<IndustriesFile>(folder, Industries, problems)?.Industries ?? [];
        var skills = ReadFile<SkillsFile>(folder, Skills, problems)?.Skills ?? [];
        var careers = ReadFile<CareersFile>(folder, Careers, problems)?.Careers ?? [];
        if (problems.Count > 0) throw new SeedException(problems);

        var places = new Dictionary<string, (string File, string Path)>();
        var document = new Builder(places);
        for (var i = 0; i < industries.Count; i++) document.Add(industries[i], $"$.industries[{i}]");
        for (var i = 0; i < skills.Count; i++) document.Add(skills[i], $"$.skills[{i}]");
        for (var i = 0; i < careers.Count; i++) document.Add(careers[i], $"$.careers[{i}]");
        var graph = document.Build();

        foreach (var violation in GraphRules.Check(graph))
        {
            var (file, path) = places.TryGetValue(violation.Subject, out var place) ? place : (Careers, "$");
            problems.Add(new SeedProblem(file, path, null, violation.Code, violation.Message));
        }
        if (problems.Count > 0) throw new SeedException(problems);
        return graph;
    }

    private static T? ReadFile<T>(string folder, string name, List<SeedProblem> problems) where T : class
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            problems.Add(new SeedProblem(name, "$", null, "SEED_FILE_MISSING", $"Expected the seed file at '{Path.GetFullPath(path)}'."));
            return null;
        }
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Json)
                ?? throw new JsonException("The file holds null; expected an object.", "$", 1, 0);
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0];
            problems.Add(new SeedProblem(name, e.Path ?? "$", e.LineNumber + 1, "SEED_SYNTAX", message));
            return null;
        }
    }

    /// <summary>Turns seed records into a graph, remembering where each node, edge and alias came from.</summary>
    private sealed class Builder(Dictionary<string, (string File, string Path)> places)
    {
        private readonly List<Career> _careers = [];
        private readonly List<Skill> _skills = [];
        private readonly List<Industry> _industries = [];
        private readonly List<Edge> _edges = [];
        private readonly List<Alias> _aliases = [];

        public void Add(SeedIndustry seed, string path)
        {
            _industries.Add(new Industry(seed.Id, seed.Name) { Description = seed.Description, Source = seed.Source });
            places.TryAdd(seed.Id, (Industries, path));
        }

        public void Add(SeedSkill seed, string path)
        {
            _skills.Add(new Skill(seed.Id, seed.Name) { Description = seed.Description, Category = seed.Category, Hot = seed.Hot, Source = seed.Source });
            places.TryAdd(seed.Id, (Skills, path));
            AddAliases(seed.Id, seed.Aliases, Skills, path);
        }

        public void Add(SeedCareer seed, string path)
        {
            _careers.Add(new Career(seed.Id, seed.Name)
            {
                Description = seed.Description,
                Duties = seed.Duties ?? [],
                Categories = seed.Categories ?? [],
                Source = seed.Source,
            });
            places.TryAdd(seed.Id, (Careers, path));
            AddAliases(seed.Id, seed.Aliases, Careers, path);

            var skills = seed.Skills ?? [];
            for (var i = 0; i < skills.Count; i++)
                AddEdge(new Edge(seed.Id, skills[i].Skill, EdgeKind.Requires) { Importance = skills[i].Importance, Core = skills[i].Core }, $"{path}.skills[{i}]");
            var industries = seed.Industries ?? [];
            for (var i = 0; i < industries.Count; i++)
                AddEdge(new Edge(seed.Id, industries[i], EdgeKind.InIndustry), $"{path}.industries[{i}]");
            if (seed.SpecialisationOf is { } parent)
                AddEdge(new Edge(seed.Id, parent, EdgeKind.SpecialisationOf), $"{path}.specialisationOf");
            var seeAlso = seed.SeeAlso ?? [];
            for (var i = 0; i < seeAlso.Count; i++)
                AddEdge(new Edge(seed.Id, seeAlso[i].Career, EdgeKind.SeeAlso) { Weight = seeAlso[i].Weight, Tier = seeAlso[i].Tier }, $"{path}.seeAlso[{i}]");
        }

        public GraphDocument Build() => new(_careers, _skills, _industries, _edges, _aliases);

        private void AddEdge(Edge edge, string path)
        {
            _edges.Add(edge);
            places.TryAdd(edge.Id, (Careers, path));
        }

        private void AddAliases(string id, IReadOnlyList<string>? aliases, string file, string path)
        {
            if (aliases is null) return;
            for (var i = 0; i < aliases.Count; i++)
            {
                _aliases.Add(new Alias(aliases[i], id));
                places.TryAdd($"alias '{aliases[i]}'", (file, $"{path}.aliases[{i}]"));
            }
        }
    }

    private sealed record IndustriesFile(IReadOnlyList<SeedIndustry> Industries);
    private sealed record SkillsFile(IReadOnlyList<SeedSkill> Skills);
    private sealed record CareersFile(IReadOnlyList<SeedCareer> Careers);

    private sealed record SeedIndustry(string Id, string Name)
    {
        public string? Description { get; init; }
        public string? Source { get; init; }
    }

    private sealed record SeedSkill(string Id, string Name)
    {
        public string? Description { get; init; }
        public string? Category { get; init; }
        public bool Hot { get; init; }
        public IReadOnlyList<string>? Aliases { get; init; }
        public string? Source { get; init; }
    }

    private sealed record SeedCareer(string Id, string Name)
    {
        public string? Description { get; init; }
        public IReadOnlyList<string>? Categories { get; init; }
        public IReadOnlyList<string>? Duties { get; init; }
        public IReadOnlyList<string>? Aliases { get; init; }
        public IReadOnlyList<SeedRequirement>? Skills { get; init; }
        public IReadOnlyList<string>? Industries { get; init; }
        public string? SpecialisationOf { get; init; }
        public IReadOnlyList<SeedLink>? SeeAlso { get; init; }
        public string? Source { get; init; }
    }

    private sealed record SeedRequirement(string Skill, double? Importance = null, bool? Core = null);
    private sealed record SeedLink(string Career, double? Weight = null, int? Tier = null);
}
