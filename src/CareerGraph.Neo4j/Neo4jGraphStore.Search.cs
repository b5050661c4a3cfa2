using CareerGraph.Model;
using CareerGraph.Neo4j.Cypher;
using CareerGraph.Store;

namespace CareerGraph.Neo4j;

/// <summary>Search over the full-text index, its Lucene scores brought to the 0–1 scale both stores answer with.</summary>
partial class Neo4jGraphStore
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.First <= 0 || SearchText.ToLucene(query.Text) is not { } lucene) return [];
        await EnsureSchemaAsync(cancellationToken);
        var result = await _client.RunAsync(CypherFiles.Query("search-names"), new
        {
            lucene,
            candidates = Math.Max(200, query.First * 10),
            kinds = query.Kinds.Select(k => k.ToString()).Order(StringComparer.Ordinal).ToArray(),
            first = query.First,
        }, cancellationToken);

        var hits = result.Column<NodeRecord>("node")
            .Zip(result.Column<string>("matched"), result.Column<bool>("viaAlias"))
            .Zip(result.Column<double>("score"), (hit, score) => (Node: hit.First.ToNode(), Matched: hit.Second, ViaAlias: hit.Third, Score: score))
            .ToList();
        if (hits.Count == 0) return [];

        var key = Names.Key(query.Text);
        var best = hits.Max(h => h.Score);
        return [.. hits
            .Select(h => new SearchHit(h.Node, h.Matched, h.ViaAlias, Normalised(h.Score, best, exact: Names.Key(h.Matched) == key)))
            .OrderByDescending(h => h.Score)];
    }

    /// <summary>
    /// A Lucene score on the scale both stores answer with: Lucene's have no upper bound, so 1 is kept for an exact
    /// name or alias, and the rest are relative to the best hit, below 0.9 and above 0.
    /// </summary>
    private static double Normalised(double score, double best, bool exact) =>
        exact ? 1.0 : Math.Round(Math.Max(0.0001, 0.9 * score / best), 4);
}
