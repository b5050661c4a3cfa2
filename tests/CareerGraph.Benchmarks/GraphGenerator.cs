using CareerGraph.Model;

namespace CareerGraph.Benchmarks;

/// <summary>
/// A synthetic graph shaped like O*NET 27.0 at scale 1 (1,016 careers, ~8,600 skills, ~60k aliases,
/// ~18k see-also and ~30k skill edges), and proportionally larger at higher scales. Deterministic per seed.
/// </summary>
public static class GraphGenerator
{
    public static GraphDocument Generate(int scale = 1, int seed = 27)
    {
        var random = new Random(seed);
        var careerCount = 1016 * scale;
        var skillCount = 8600 * scale;
        var careers = Enumerable.Range(0, careerCount)
            .Select(i => new Career($"career-{i}", $"Career {Word(random)} {i}")
            {
                Description = $"Synthetic career {i}.",
                Duties = [$"Duty one of {i}.", $"Duty two of {i}."],
                JobZone = 1 + i % 5,
                Source = "generated",
            })
            .ToList();
        var skills = Enumerable.Range(0, skillCount)
            .Select(i => new Skill($"skill-{i}", $"{Word(random)} {Word(random)} {i}") { Category = $"Category {i % 120}", Hot = i % 7 == 0, Source = "generated" })
            .ToList();
        var industries = Enumerable.Range(0, 23).Select(i => new Industry($"industry-{i}", $"Industry {i}")).ToList();

        var edges = new List<Edge>();
        var keys = new HashSet<string>();
        void Add(Edge edge) { if (edge.Source != edge.Target && keys.Add(edge.Id)) edges.Add(edge); }

        for (var c = 0; c < careerCount; c++)
        {
            var career = careers[c].Id;
            Add(new Edge(career, industries[c % industries.Count].Id, EdgeKind.InIndustry));
            // ~30 skills per career, drawn with a skew so that some skills are shared widely (like Python or Excel).
            for (var s = 0; s < 30; s++)
            {
                var skill = (int)(Math.Pow(random.NextDouble(), 2.5) * skillCount);
                Add(new Edge(career, skills[skill].Id, EdgeKind.Requires) { Importance = Math.Round(0.3 + random.NextDouble() * 0.7, 2), Core = s < 5 });
            }
            // ~18 related careers, mostly near in the same family, ranked like O*NET's tiers.
            for (var r = 0; r < 18; r++)
            {
                var other = (c + 1 + (int)(Math.Pow(random.NextDouble(), 3) * careerCount)) % careerCount;
                var tier = r < 5 ? 1 : r < 10 ? 2 : 3;
                Add(new Edge(career, careers[other].Id, EdgeKind.SeeAlso) { Weight = Math.Round(1.0 - r * 0.045, 3), Tier = tier });
            }
            if (c % 10 == 1) Add(new Edge(career, careers[c - 1].Id, EdgeKind.SpecialisationOf));
        }

        // ~60 aliases per career; one in fifty names two careers, as O*NET's shared titles do.
        var aliases = new List<Alias>();
        for (var c = 0; c < careerCount; c++)
            for (var a = 0; a < 60; a++)
            {
                var name = $"{Word(random)} {Word(random)} title {c}-{a}";
                aliases.Add(new Alias(name, careers[c].Id));
                if (a % 50 == 0) aliases.Add(new Alias(name, careers[(c + 1) % careerCount].Id));
            }
        return new GraphDocument(careers, skills, industries, edges, aliases);
    }

    private static readonly string[] Words =
    [
        "data", "cloud", "systems", "network", "software", "machine", "learning", "research", "clinical", "design",
        "field", "service", "quality", "process", "energy", "marine", "control", "security", "analytics", "platform",
    ];

    private static string Word(Random random) => Words[random.Next(Words.Length)];
}
