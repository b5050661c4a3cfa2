// IN_INDUSTRY edges leaving the careers in $sources or reaching the industries in $targets.
// Each side starts from the unique index on id; UNION drops an edge found from both ends.
// :param sources => ["machine-learning-engineer"]
// :param targets => ["python"]
CALL () {
  UNWIND $sources AS id
  MATCH (c:Career {id: id})-[r:IN_INDUSTRY]->(i:Industry)
  RETURN c, r, i
  UNION
  UNWIND $targets AS id
  MATCH (c:Career)-[r:IN_INDUSTRY]->(i:Industry {id: id})
  RETURN c, r, i
}
RETURN {source: c.id, target: i.id, type: type(r)} AS edge
ORDER BY edge.source, edge.target
