// Every node a reference may mean, best first: the node with that id, else the career a merged-away id now stands
// for (its Redirect), else the nodes with that name, else the nodes with that alias; at each step curated nodes before
// those whose source is $onet. $every false keeps only the best of these matches (what career(name:) takes).
// $key is the reference as a comparison key (trimmed, single-spaced, lower-case); $kind keeps one kind (null keeps all).
// :param id => "machine-learning-engineer"
// :param key => "ml engineer"
// :param kind => "Career"
// :param onet => "onet"
// :param every => true
CALL () {
  MATCH (n:Career {id: $id}) RETURN n, 0 AS step
  UNION
  MATCH (n:Skill {id: $id}) RETURN n, 0 AS step
  UNION
  MATCH (n:Industry {id: $id}) RETURN n, 0 AS step
  UNION
  MATCH (r:Redirect {from: $id}) MATCH (n:Career {id: r.to}) RETURN n, 1 AS step
  UNION
  MATCH (n:Career {nameKey: $key}) RETURN n, 2 AS step
  UNION
  MATCH (n:Skill {nameKey: $key}) RETURN n, 2 AS step
  UNION
  MATCH (n:Industry {nameKey: $key}) RETURN n, 2 AS step
  UNION
  MATCH (:Alias {key: $key})-[:ALIAS_OF]->(n) RETURN n, 3 AS step
}
WITH n, step
WHERE $kind IS NULL OR $kind IN labels(n)
WITH n, min(step * 2 + CASE WHEN n.source = $onet THEN 1 ELSE 0 END) AS rank
WITH collect({node: n, rank: rank}) AS matches, min(rank) AS best
UNWIND matches AS match
WITH match.node AS node, match.rank AS rank, best
WHERE $every OR rank = best
RETURN node, rank
ORDER BY rank, node.id
