using System.Text.Json;
using CareerGraph.Model;

namespace CareerGraph.Tests.Interchange;

/// <summary>
/// Every property of every node, edge and alias of a document as one text, to compare whole graphs. Independent of
/// the export formats under test; a career's specialisation flag follows from its edges and is left out.
/// </summary>
public static class GraphJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Of(GraphDocument document) => JsonSerializer.Serialize(new
    {
        Careers = document.Careers.Select(c => c with { IsSpecialisation = false }).OrderBy(c => c.Id, StringComparer.Ordinal),
        Skills = document.Skills.OrderBy(s => s.Id, StringComparer.Ordinal),
        Industries = document.Industries.OrderBy(i => i.Id, StringComparer.Ordinal),
        Edges = document.Edges.OrderBy(e => e.Id, StringComparer.Ordinal),
        Aliases = document.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).ThenBy(a => a.TargetId, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal),
    }, Options);
}
