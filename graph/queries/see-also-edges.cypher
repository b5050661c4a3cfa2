// SEE_ALSO edges leaving the careers in $sources or reaching the careers in $targets.
// Each side starts from the unique index on id; UNION drops an edge found from both ends.
// :param sources => ["machine-learning-engineer"]
// :param targets => ["python"]
CALL () {
  UNWIND $sources AS id
  MATCH (a:Career {id: id})-[r:SEE_ALSO]->(b:Career)
  RETURN a, r, b
  UNION
  UNWIND $targets AS id
  MATCH (a:Career)-[r:SEE_ALSO]->(b:Career {id: id})
  RETURN a, r, b
}
RETURN {source: a.id, target: b.id, type: type(r), weight: r.weight, tier: r.tier, reason: r.reason} AS edge
ORDER BY edge.source, edge.target
