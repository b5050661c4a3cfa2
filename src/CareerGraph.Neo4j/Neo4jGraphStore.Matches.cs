using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Paths;

namespace CareerGraph.Neo4j;

partial class Neo4jGraphStore
{
    /// <summary>One statement fetches the careers requiring one of the skills, with their skills; Core ranks them as for every backend.</summary>
    public async Task<IReadOnlyList<CareerMatch>> FindCareerMatchesAsync(CareerMatchesQuery query, CancellationToken cancellationToken = default)
    {
        if (query.First <= 0 || query.Skills.Count == 0) return [];
        var result = await _client.RunAsync(CypherFiles.Query("career-matches"), new { skills = query.Skills.Distinct().ToArray() }, cancellationToken);
        if (result.Rows.Count == 0) return [];

        var careers = result.Single<NodeRecord[]>("careers", []).Select(n => n.ToNode()).OfType<Career>().ToList();
        var skills = result.Single<NodeRecord[]>("skills", []).Select(n => n.ToNode()).OfType<Skill>().ToList();
        var edges = result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge()).ToList();
        var slice = new GraphSlice(new GraphDocument(careers, skills, [], edges, []), []);
        return CareerMatches.Find(query, slice, new RequirementIndex(new PathFinder(careers.Select(c => c.Id), []), edges), cancellationToken);
    }
}
