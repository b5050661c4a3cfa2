// Careers, skills and industries whose name or alias matches a full-text (Lucene) query, best first.
// An alias hit stands for the node it names, a little below the name itself; each node is listed once, by its best hit.
// Equal scores go to careers, then skills, then industries; then to the node more careers require (a well-known skill
// before an obscure product); then to the shorter name.
// :param lucene => "python^4 OR python*^2 OR python~1"
// :param candidates => 200
// :param kinds => ["Career"]
// :param first => 10
CALL db.index.fulltext.queryNodes('node_names', $lucene, {limit: $candidates}) YIELD node AS hit, score
OPTIONAL MATCH (hit:Alias)-[:ALIAS_OF]->(named)
WITH coalesce(named, hit) AS n, hit, score
WHERE NOT n:Alias AND ($kinds = [] OR any(label IN labels(n) WHERE label IN $kinds))
WITH n, hit, CASE WHEN hit:Alias THEN score * 0.95 ELSE score END AS score
ORDER BY score DESC, size(hit.name)
WITH n, collect({matched: hit.name, viaAlias: hit:Alias, score: score})[0] AS best
WITH n, best, CASE WHEN n:Career THEN 0 WHEN n:Skill THEN 1 ELSE 2 END AS kindRank, COUNT { (:Career)-[:REQUIRES]->(n) } AS requiredBy
RETURN n AS node, best.matched AS matched, best.viaAlias AS viaAlias, best.score AS score
ORDER BY score DESC, kindRank, requiredBy DESC, size(matched), node.id
LIMIT $first
