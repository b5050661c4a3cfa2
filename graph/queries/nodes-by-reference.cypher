// Every node a reference may mean: the node with that id, else the career a merged-away id now stands for (its
// Redirect), else the nodes with that name, else the nodes with that alias.
// $key is the reference as a comparison key (trimmed, single-spaced, lower-case); $kind keeps one kind (null keeps all).
CALL () {
  MATCH (n:Career {id: $id}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Skill {id: $id}) RETURN n, 1 AS rank
  UNION
  MATCH (n:Industry {id: $id}) RETURN n, 1 AS rank
  UNION
  MATCH (r:Redirect {from: $id}) MATCH (n:Career {id: r.to}) RETURN n, 2 AS rank
  UNION
  MATCH (n:Career {nameKey: $key}) RETURN n, 3 AS rank
  UNION
  MATCH (n:Skill {nameKey: $key}) RETURN n, 3 AS rank
  UNION
  MATCH (n:Industry {nameKey: $key}) RETURN n, 3 AS rank
  UNION
  MATCH (:Alias {key: $key})-[:ALIAS_OF]->(n) RETURN n, 4 AS rank
}
WITH n, rank
WHERE $kind IS NULL OR $kind IN labels(n)
WITH rank, collect(n) AS nodes
ORDER BY rank
LIMIT 1
UNWIND nodes AS node
RETURN node
ORDER BY node.id
