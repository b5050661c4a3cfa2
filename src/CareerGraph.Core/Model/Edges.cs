namespace CareerGraph.Model;

/// <summary>Relationship types; <see cref="EdgeKinds.Code"/> names each as exports, the stores and Neo4j (its relationship type) spell it.</summary>
public enum EdgeKind
{
    /// <summary>Career → Skill, with importance (0–1) and whether the skill is core.</summary>
    Requires,
    /// <summary>Career → Industry.</summary>
    InIndustry,
    /// <summary>Career → the broader Career it specialises.</summary>
    SpecialisationOf,
    /// <summary>Career → related Career, with weight (0–1], tier and an optional reason.</summary>
    SeeAlso,
}

/// <summary>Which way along an edge, seen from a node.</summary>
public enum Direction { Outgoing, Incoming, Both }

public static class EdgeKinds
{
    public static string Code(this EdgeKind kind) => kind switch
    {
        EdgeKind.Requires => "REQUIRES",
        EdgeKind.InIndustry => "IN_INDUSTRY",
        EdgeKind.SpecialisationOf => "SPECIALISATION_OF",
        EdgeKind.SeeAlso => "SEE_ALSO",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static EdgeKind FromCode(string name) =>
        Enum.GetValues<EdgeKind>().FirstOrDefault(k => k.Code() == name, (EdgeKind)(-1)) is var kind && kind >= 0
            ? kind
            : throw new ArgumentException($"'{name}' is not a relationship type of the career graph.", nameof(name));

    /// <summary>Edges between careers, the ones a path can follow.</summary>
    public static readonly IReadOnlyList<EdgeKind> CareerToCareer = [EdgeKind.SeeAlso, EdgeKind.SpecialisationOf];
}

/// <summary>A directed, typed edge. Properties that do not apply to its kind are null.</summary>
public sealed record Edge(string Source, string Target, EdgeKind Kind)
{
    /// <summary>REQUIRES: how important the skill is, 0–1.</summary>
    public double? Importance { get; init; }

    /// <summary>REQUIRES: a core skill rather than an optional one.</summary>
    public bool? Core { get; init; }

    /// <summary>SEE_ALSO: strength of the relation, (0–1].</summary>
    public double? Weight { get; init; }

    /// <summary>SEE_ALSO: 1 for the closest relations, 2 and up for looser ones.</summary>
    public int? Tier { get; init; }

    /// <summary>SEE_ALSO: why the careers are linked, when the link is not obvious (e.g. the job titles they share).</summary>
    public string? Reason { get; init; }

    public string Id => $"{Source}|{Kind.Code()}|{Target}";

    /// <summary>Orders edges as their <see cref="Id"/>s order ordinally, without building the ids (index builds sort many).</summary>
    public static int CompareById(Edge a, Edge b)
    {
        // Part by part, as the ids would compare: equal parts leave the ids aligned for the next one.
        if (ComparePart(a.Source, b.Source) is { } bySource) return bySource != 0 ? bySource : CompareWritten(a, b);
        if (a.Kind != b.Kind && ComparePart(a.Kind.Code(), b.Kind.Code()) is { } byKind) return byKind != 0 ? byKind : CompareWritten(a, b);
        return string.CompareOrdinal(a.Target, b.Target);
    }

    /// <summary>
    /// How two parts of ids compare, each followed by '|' in its id: null when they are equal; 0 when that cannot be told
    /// from the parts alone, as when one part ends where the other holds a '|' (never in slugs).
    /// </summary>
    private static int? ComparePart(string x, string y)
    {
        var common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length && common == y.Length) return null;
        var (nextX, nextY) = (common < x.Length ? x[common] : '|', common < y.Length ? y[common] : '|');
        return nextX.CompareTo(nextY);
    }

    private static int CompareWritten(Edge a, Edge b)
    {
        const int onStack = 256;
        var (lengthA, lengthB) = (a.IdLength, b.IdLength);
        if (lengthA > onStack || lengthB > onStack) return string.CompareOrdinal(a.Id, b.Id);
        Span<char> idA = stackalloc char[lengthA], idB = stackalloc char[lengthB];
        a.WriteId(idA);
        b.WriteId(idB);
        return idA.SequenceCompareTo(idB);
    }

    private int IdLength => Source.Length + Kind.Code().Length + Target.Length + 2;

    private void WriteId(Span<char> id)
    {
        var code = Kind.Code();
        Source.CopyTo(id);
        id[Source.Length] = '|';
        code.CopyTo(id[(Source.Length + 1)..]);
        id[Source.Length + 1 + code.Length] = '|';
        Target.CopyTo(id[(Source.Length + code.Length + 2)..]);
    }

    /// <summary>The strength a path search sees: SEE_ALSO weight, 1 for everything else.</summary>
    public double Strength => StrengthOf(Weight);

    /// <summary>The strength of an edge of this weight (<see cref="Strength"/>), for stores that read weights without making edges.</summary>
    public static double StrengthOf(double? weight) => weight ?? 1.0;

    public string Other(string nodeId) => nodeId == Source ? Target : Source;

    /// <summary>
    /// The edge with the properties of its kind that were left out at their <see cref="EdgeDefaults"/>. Properties of
    /// other kinds stay as given, so the rules can refuse them.
    /// </summary>
    public Edge WithDefaults() => Kind switch
    {
        // An edge that has them all is kept as it is: a large import or load copies nothing.
        EdgeKind.Requires when Importance is null || Core is null => this with { Importance = Importance ?? EdgeDefaults.Importance, Core = Core ?? EdgeDefaults.Core },
        EdgeKind.SeeAlso when Weight is null || Tier is null => this with { Weight = Weight ?? EdgeDefaults.Weight, Tier = Tier ?? EdgeDefaults.Tier },
        _ => this,
    };
}

/// <summary>
/// Edges as a store read them back: each already has its kind's <see cref="EdgeDefaults"/>, so a document takes the
/// list as it is instead of copying it (a store may make each edge only when it is first read).
/// </summary>
public interface IStoredEdges : IReadOnlyList<Edge>;

/// <summary>
/// The value an edge property takes when whatever brought the edge in (a seed file, a JSON import, O*NET, a curator)
/// left it out. Applied once, where edges enter the graph (<see cref="GraphDocument"/> for imports and seeds,
/// <c>ChangePlanner</c> for curation), and stored, so every field and every path sees the same value.
/// </summary>
public static class EdgeDefaults
{
    /// <summary>REQUIRES: a skill of middling importance.</summary>
    public const double Importance = 0.5;

    /// <summary>REQUIRES: optional rather than core.</summary>
    public const bool Core = false;

    /// <summary>SEE_ALSO: as strong as the default <c>minWeight</c> of a path, so it is walked unless a caller asks for closer links.</summary>
    public const double Weight = 0.5;

    /// <summary>SEE_ALSO: the closest tier.</summary>
    public const int Tier = 1;
}
