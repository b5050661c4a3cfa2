using System.Text.Json;
using System.Text.Json.Serialization;
using CareerGraph.Model;

namespace CareerGraph.Interchange.Onet;

/// <summary>One reviewed entry of the map: an O*NET technology name and the curated skill it is.</summary>
public sealed record TechnologyOnSkill(string Technology, string Skill);

/// <summary>
/// The reviewed table of O*NET technologies that are curated skills (<see cref="FileName"/> in the seeds): only
/// names that denote the same thing ("Microsoft Azure" is Azure; "C" is not C++). A technology not in it stays a
/// skill of its own, whatever names or aliases it shares with curated skills.
/// </summary>
public sealed class TechnologyMap
{
    public const string FileName = "onet-technologies.json";

    public static readonly TechnologyMap Empty = new([]);

    private readonly Dictionary<string, string> _skillByKey;

    public TechnologyMap(IEnumerable<TechnologyOnSkill> entries)
    {
        Entries = [.. entries];
        _skillByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
            if (!_skillByKey.TryAdd(Names.Key(entry.Technology), entry.Skill))
                throw new OnetDataException($"{FileName} lists the technology '{entry.Technology}' twice; keep one entry per technology.");
    }

    public IReadOnlyList<TechnologyOnSkill> Entries { get; }

    /// <summary>The curated skill id a technology is, compared as <see cref="Names.Key"/>; null when it stands on its own.</summary>
    public string? SkillOf(string technology) => _skillByKey.GetValueOrDefault(Names.Key(technology));

    /// <summary>Reads the table from the seeds folder; a folder without it maps nothing.</summary>
    public static TechnologyMap Read(string seedsFolder)
    {
        var path = Path.Combine(seedsFolder, FileName);
        if (!File.Exists(path)) return Empty;
        try
        {
            var file = JsonSerializer.Deserialize<MapFile>(File.ReadAllText(path), Json)
                       ?? throw new OnetDataException($"'{path}' is empty; it holds {{\"technologies\": [{{\"technology\": …, \"skill\": …}}]}}.");
            if (file.Technologies.FirstOrDefault(t => string.IsNullOrWhiteSpace(t.Technology) || string.IsNullOrWhiteSpace(t.Skill)) is { } incomplete)
                throw new OnetDataException($"'{path}' has an entry without a technology or a skill ({incomplete}); give both.");
            return new TechnologyMap(file.Technologies);
        }
        catch (JsonException e)
        {
            throw new OnetDataException($"'{path}' is not a technology map: {e.Message}");
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record MapFile(IReadOnlyList<TechnologyOnSkill> Technologies);
}
