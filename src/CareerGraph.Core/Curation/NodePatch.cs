using CareerGraph.Model;

namespace CareerGraph.Curation;

/// <summary>A value an update sets, null included (a field set to null is cleared).</summary>
public readonly record struct Patched<T>(T Value);

/// <summary>
/// The fields an update sets, and only those: a field left null keeps its stored value. The planner
/// merges a patch with the node as stored inside the store's write transaction, so two curators who
/// change different fields of one node at the same time both keep their change.
/// </summary>
public sealed record NodePatch
{
    /// <summary>The new name; a name cannot be cleared (an empty one is refused).</summary>
    public string? Name { get; init; }
    public Patched<string?>? Description { get; init; }
    public Patched<string?>? Source { get; init; }

    // Careers
    public IReadOnlyList<string>? Duties { get; init; }
    public IReadOnlyList<string>? Categories { get; init; }
    public Patched<string?>? SocCode { get; init; }
    public Patched<int?>? JobZone { get; init; }

    // Skills
    public Patched<string?>? Category { get; init; }
    public bool? Hot { get; init; }

    /// <summary>
    /// A new node of this kind: fields of the patch set, the others at their defaults ("curated" as its source). Its id is
    /// the one given, or without one made from the name (<see cref="Names.Slug"/>): "MLOps Engineer" is mlops-engineer.
    /// </summary>
    public GraphNode Create(NodeKind kind, string? id = null)
    {
        id ??= Names.Slug(Name ?? "");
        GraphNode blank = kind switch
        {
            NodeKind.Career => new Career(id, ""),
            NodeKind.Skill => new Skill(id, ""),
            _ => new Industry(id, ""),
        };
        return ApplyTo(blank with { Source = "curated" });
    }

    /// <summary>The node with the fields of this patch set; fields of other kinds of node are ignored.</summary>
    public GraphNode ApplyTo(GraphNode node)
    {
        node = node with { Name = Name ?? node.Name, Description = Pick(Description, node.Description), Source = Pick(Source, node.Source) };
        return node switch
        {
            Career career => career with
            {
                Duties = Duties ?? career.Duties,
                Categories = Categories ?? career.Categories,
                SocCode = Pick(SocCode, career.SocCode),
                JobZone = Pick(JobZone, career.JobZone),
            },
            Skill skill => skill with { Category = Pick(Category, skill.Category), Hot = Hot ?? skill.Hot },
            _ => node,
        };
    }

    private static T Pick<T>(Patched<T>? patched, T current) => patched is { } set ? set.Value : current;
}
