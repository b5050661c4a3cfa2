using CareerGraph.Model;
using CareerGraph.Paths;

namespace CareerGraph.Moves;

/// <summary>
/// Who requires which skill, with careers numbered as a <see cref="PathFinder"/> numbers them, so that career moves sum
/// shared importance in arrays, with no look-up by id per requirement. Built once per graph, like the path finder.
/// </summary>
public sealed class RequirementIndex
{
    private readonly Dictionary<string, Requirer[]> _requirers = new(StringComparer.Ordinal);
    private readonly double[] _importance;
    private readonly double[] _weight;

    internal readonly record struct Requirer(int Career, double Importance, double Weight);

    public RequirementIndex(PathFinder careers, IEnumerable<Edge> edges)
    {
        Paths = careers;
        _importance = new double[careers.Count];
        _weight = new double[careers.Count];
        var lists = new Dictionary<string, List<Requirer>>(StringComparer.Ordinal);
        foreach (var edge in edges.Where(e => e.Kind == EdgeKind.Requires))
        {
            if (!careers.TryNumber(edge.Source, out var career)) continue;
            var importance = edge.Importance ?? 0;
            var weight = MatchWeights.RequirementWeight(edge);
            _importance[career] += importance;
            _weight[career] += weight;
            if (!lists.TryGetValue(edge.Target, out var list)) lists[edge.Target] = list = [];
            list.Add(new Requirer(career, importance, weight));
        }
        foreach (var (skill, list) in lists) _requirers[skill] = [.. list];
    }

    /// <summary>The path finder whose numbering of careers this index shares.</summary>
    public PathFinder Paths { get; }

    internal Requirer[] RequirersOf(string skillId) => _requirers.GetValueOrDefault(skillId, []);

    /// <summary>The summed importance of the skills a career requires.</summary>
    internal double ImportanceOf(int career) => _importance[career];

    /// <summary>The summed requirement weight of a career's skills (<see cref="MatchWeights.RequirementWeight"/>).</summary>
    internal double WeightOf(int career) => _weight[career];
}
