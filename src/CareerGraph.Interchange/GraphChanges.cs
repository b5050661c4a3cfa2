using System.Text.Json;
using CareerGraph.Model;

namespace CareerGraph.Interchange;

/// <summary>What importing a document would do to one kind of node, edge or alias.</summary>
public sealed record KindChanges(string Kind, int Incoming, int Created, int Updated, int Unchanged);

/// <summary>
/// Compares a document with the graph stored now, kind by kind, the way a store's import counts:
/// an item is created when its id is new, unchanged when all its properties are equal, else updated.
/// </summary>
public static class GraphChanges
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<KindChanges> Compare(GraphDocument stored, GraphDocument incoming)
    {
        var nodes = stored.Nodes.ToDictionary(n => n.Id, Canonical, StringComparer.Ordinal);
        var edges = stored.Edges.ToDictionary(e => e.Id);
        var aliases = stored.Aliases.ToDictionary(a => (a.Key, a.TargetId), a => a.Name);

        var changes = new List<KindChanges>();
        foreach (var kind in Enum.GetValues<NodeKind>())
            changes.Add(Count(kind.ToString(), incoming.Nodes.Where(n => n.Kind == kind),
                n => nodes.TryGetValue(n.Id, out var old) ? old == Canonical(n) : null));
        foreach (var kind in Enum.GetValues<EdgeKind>())
            changes.Add(Count(kind.Code(), incoming.Edges.Where(e => e.Kind == kind),
                e => edges.TryGetValue(e.Id, out var old) ? old == e : null));
        changes.Add(Count("Alias", incoming.Aliases,
            a => aliases.TryGetValue((a.Key, a.TargetId), out var old) ? old == a.Name : null));
        return changes;
    }

    /// <summary>Counts items by whether they are new (null), equal to what is stored (true) or different (false).</summary>
    private static KindChanges Count<T>(string kind, IEnumerable<T> items, Func<T, bool?> equalToStored)
    {
        int incoming = 0, created = 0, updated = 0, unchanged = 0;
        foreach (var item in items)
        {
            incoming++;
            switch (equalToStored(item))
            {
                case null: created++; break;
                case true: unchanged++; break;
                case false: updated++; break;
            }
        }
        return new KindChanges(kind, incoming, created, updated, unchanged);
    }

    /// <summary>All of a node's own properties as text; whether a career is a specialisation follows from its edges.</summary>
    private static string Canonical(GraphNode node) => node switch
    {
        Career career => JsonSerializer.Serialize(career with { IsSpecialisation = false }, Json),
        Skill skill => JsonSerializer.Serialize(skill, Json),
        Industry industry => JsonSerializer.Serialize(industry, Json),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
