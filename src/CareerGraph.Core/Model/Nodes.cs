namespace CareerGraph.Model;

/// <summary>The kinds of node in the career graph; each is a Neo4j label of the same name.</summary>
public enum NodeKind { Career, Skill, Industry }

/// <summary>A node of the career graph, identified by a stable slug.</summary>
public abstract record GraphNode(string Id, string Name)
{
    public abstract NodeKind Kind { get; }
    public string? Description { get; init; }

    /// <summary>Where the facts come from: "career-page", "curated", "onet" …</summary>
    public string? Source { get; init; }
}

/// <summary>Where nodes come from: imported from O*NET, or curated (every other source).</summary>
public static class Sources
{
    public const string Onet = "onet";

    public static bool IsCurated(GraphNode node) => node.Source != Onet;
}

/// <summary>A career (occupation). One that specialises another also carries the Specialisation label.</summary>
public sealed record Career(string Id, string Name) : GraphNode(Id, Name)
{
    public override NodeKind Kind => NodeKind.Career;
    public IReadOnlyList<string> Duties { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Standard Occupational Classification code, for careers that come from O*NET.</summary>
    public string? SocCode { get; init; }

    /// <summary>O*NET job zone, 1 (little preparation) to 5 (extensive preparation).</summary>
    public int? JobZone { get; init; }

    /// <summary>Derived from SPECIALISATION_OF edges by the store; not stored on its own.</summary>
    public bool IsSpecialisation { get; init; }
}

public sealed record Skill(string Id, string Name) : GraphNode(Id, Name)
{
    public override NodeKind Kind => NodeKind.Skill;
    public string? Category { get; init; }

    /// <summary>O*NET's "hot technology" flag: frequently named in current job postings.</summary>
    public bool Hot { get; init; }
}

public sealed record Industry(string Id, string Name) : GraphNode(Id, Name)
{
    public override NodeKind Kind => NodeKind.Industry;
}

/// <summary>Another name for a career or skill. One alias may name several nodes: ambiguity is data.</summary>
public sealed record Alias(string Name, string TargetId)
{
    private readonly string _name = Name;

    public string Name
    {
        get => _name;
        init => (_name, Key) = (value, Names.Key(value));
    }

    /// <summary>The name as lookups compare it (<see cref="Names.Key"/>): kept, since every index and search build asks for it.</summary>
    public string Key { get; private init; } = Names.Key(Name);
}
