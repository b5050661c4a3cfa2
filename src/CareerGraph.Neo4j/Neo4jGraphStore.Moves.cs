using CareerGraph.Curation;
using CareerGraph.Model;
using CareerGraph.Moves;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Paths;

namespace CareerGraph.Neo4j;

partial class Neo4jGraphStore
{
    /// <summary>One statement fetches the candidates with their skills and links; Core ranks them as for every backend.</summary>
    public async Task<IReadOnlyList<CareerMove>> FindCareerMovesAsync(CareerMovesQuery query, CancellationToken cancellationToken = default)
    {
        if (query.First <= 0) return [];
        EnsureWithinWalkBound(query.MaxHops);
        var result = await _client.RunAsync(CypherFiles.Query("career-moves"), new
        {
            from = query.From,
            minWeight = query.MinWeight,
            maxHops = Math.Max(0, query.MaxHops),
            importantSkill = MoveWeights.ImportantSkill,
            commonSkill = MoveWeights.CommonSkill,
        }, cancellationToken);
        if (result.Rows.Count == 0) return [];

        var careers = result.Single<NodeRecord[]>("careers", []).Select(n => n.ToNode()).OfType<Career>().ToList();
        var skills = result.Single<NodeRecord[]>("skills", []).Select(n => n.ToNode()).OfType<Skill>().ToList();
        var edges = result.Single<EdgeRecord[]>("edges", []).Select(e => e.ToEdge()).ToList();
        var slice = new GraphSlice(new GraphDocument(careers, skills, [], edges, []), []);
        return CareerMoves.Find(query, slice, new RequirementIndex(new PathFinder(careers.Select(c => c.Id), edges), edges), cancellationToken);
    }
}
