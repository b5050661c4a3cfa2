using System.Text.Json;
using System.Text.Json.Serialization;
using CareerGraph.Model;

namespace CareerGraph.Interchange.Formats;

/// <summary>The JSON file of <see cref="JsonGraph"/> cannot be read; the message names the place and the fix.</summary>
public sealed class JsonGraphException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The whole graph as one JSON object <c>{ "nodes": [...], "edges": [...] }</c>: nodes carry their kind, properties
/// and aliases, edges their type and properties. It is what <c>export --format json</c> writes and
/// <c>import json</c> reads, so a graph survives the trip unchanged.
/// </summary>
public static class JsonGraph
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(GraphDocument document, Stream stream)
    {
        var aliases = document.Aliases.ToLookup(a => a.TargetId, a => a.Name);
        var nodes = document.Nodes.Select(n => n switch
        {
            Career c => new NodeRecord(c.Id, nameof(NodeKind.Career), c.Name)
            {
                Description = c.Description,
                Source = c.Source,
                SocCode = c.SocCode,
                JobZone = c.JobZone,
                Categories = NullIfEmpty(c.Categories),
                Duties = NullIfEmpty(c.Duties),
                Aliases = NullIfEmpty([.. aliases[c.Id]]),
            },
            Skill s => new NodeRecord(s.Id, nameof(NodeKind.Skill), s.Name)
            {
                Description = s.Description,
                Source = s.Source,
                Category = s.Category,
                Hot = s.Hot,
                Aliases = NullIfEmpty([.. aliases[s.Id]]),
            },
            _ => new NodeRecord(n.Id, n.Kind.ToString(), n.Name) { Description = n.Description, Source = n.Source, Aliases = NullIfEmpty([.. aliases[n.Id]]) },
        });
        var edges = document.Edges.Select(e => new EdgeRecord(e.Source, e.Target, e.Kind.Code())
        {
            Importance = e.Importance,
            Core = e.Core,
            Weight = e.Weight,
            Tier = e.Tier,
            Reason = e.Reason,
        });
        JsonSerializer.Serialize(stream, new GraphFile([.. nodes], [.. edges]), Options);
    }

    /// <summary>Reads a graph; throws <see cref="JsonGraphException"/> naming the file, the place and the problem.</summary>
    public static GraphDocument Read(Stream stream, string fileName)
    {
        GraphFile file;
        try
        {
            file = JsonSerializer.Deserialize<GraphFile>(stream, Options)
                ?? throw new JsonGraphException($"{fileName}: the file holds null; expected an object with \"nodes\" and \"edges\".");
        }
        catch (JsonException e)
        {
            throw new JsonGraphException($"{fileName}: {e.Message.Split(" Path:")[0]} (at {e.Path ?? "$"}, line {e.LineNumber + 1}).", e);
        }

        var problems = new List<string>();
        var careers = new List<Career>();
        var skills = new List<Skill>();
        var industries = new List<Industry>();
        var aliases = new List<Alias>();
        for (var i = 0; i < file.Nodes.Count; i++)
        {
            var node = file.Nodes[i];
            var place = $"$.nodes[{i}]";
            switch (node.Kind)
            {
                case nameof(NodeKind.Career):
                    NotFor(problems, place, "Career", ("category", node.Category), ("hot", node.Hot));
                    careers.Add(new Career(node.Id, node.Name)
                    {
                        Description = node.Description,
                        Source = node.Source,
                        SocCode = node.SocCode,
                        JobZone = node.JobZone,
                        Categories = node.Categories ?? [],
                        Duties = node.Duties ?? [],
                    });
                    break;
                case nameof(NodeKind.Skill):
                    NotFor(problems, place, "Skill", ("socCode", node.SocCode), ("jobZone", node.JobZone), ("categories", node.Categories), ("duties", node.Duties));
                    skills.Add(new Skill(node.Id, node.Name) { Description = node.Description, Source = node.Source, Category = node.Category, Hot = node.Hot ?? false });
                    break;
                case nameof(NodeKind.Industry):
                    NotFor(problems, place, "Industry", ("socCode", node.SocCode), ("jobZone", node.JobZone), ("categories", node.Categories),
                        ("duties", node.Duties), ("category", node.Category), ("hot", node.Hot));
                    industries.Add(new Industry(node.Id, node.Name) { Description = node.Description, Source = node.Source });
                    break;
                default:
                    problems.Add($"{place}.kind: '{node.Kind}' is not a kind of node; use Career, Skill or Industry.");
                    break;
            }
            aliases.AddRange((node.Aliases ?? []).Select(a => new Alias(a, node.Id)));
        }

        var edges = new List<Edge>();
        for (var i = 0; i < file.Edges.Count; i++)
        {
            var edge = file.Edges[i];
            var kind = Enum.GetValues<EdgeKind>().Cast<EdgeKind?>().FirstOrDefault(k => k!.Value.Code() == edge.Type);
            if (kind is null)
            {
                problems.Add($"$.edges[{i}].type: '{edge.Type}' is not a relationship type; use {string.Join(", ", Enum.GetValues<EdgeKind>().Select(k => k.Code()))}.");
                continue;
            }
            edges.Add(new Edge(edge.Source, edge.Target, kind.Value) { Importance = edge.Importance, Core = edge.Core, Weight = edge.Weight, Tier = edge.Tier, Reason = edge.Reason });
        }

        if (problems.Count > 0)
            throw new JsonGraphException($"{fileName} is not a CareerGraph JSON graph:" + Environment.NewLine +
                                         string.Join(Environment.NewLine, problems.Take(20).Select(p => "  " + p)) +
                                         (problems.Count > 20 ? $"{Environment.NewLine}  … and {problems.Count - 20} more." : ""));
        return new GraphDocument(careers, skills, industries, edges, aliases);
    }

    private static void NotFor(List<string> problems, string place, string kind, params (string Name, object? Value)[] properties)
    {
        foreach (var (name, value) in properties)
            if (value is not null)
                problems.Add($"{place}.{name}: a {kind} has no '{name}'; remove it or change the kind.");
    }

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> list) => list.Count == 0 ? null : list;

    private sealed record GraphFile(IReadOnlyList<NodeRecord> Nodes, IReadOnlyList<EdgeRecord> Edges);

    private sealed record NodeRecord(string Id, string Kind, string Name)
    {
        public string? Description { get; init; }
        public string? Source { get; init; }
        public string? SocCode { get; init; }
        public int? JobZone { get; init; }
        public IReadOnlyList<string>? Categories { get; init; }
        public IReadOnlyList<string>? Duties { get; init; }
        public string? Category { get; init; }
        public bool? Hot { get; init; }
        public IReadOnlyList<string>? Aliases { get; init; }
    }

    private sealed record EdgeRecord(string Source, string Target, string Type)
    {
        public double? Importance { get; init; }
        public bool? Core { get; init; }
        public double? Weight { get; init; }
        public int? Tier { get; init; }
        public string? Reason { get; init; }
    }
}
