// REQUIRES edges leaving the careers in $sources or reaching the skills in $targets.
// Each side starts from the unique index on id; UNION drops an edge found from both ends.
// :param sources => ["machine-learning-engineer"]
// :param targets => ["python"]
CALL () {
  UNWIND $sources AS id
  MATCH (c:Career {id: id})-[r:REQUIRES]->(s:Skill)
  RETURN c, r, s
  UNION
  UNWIND $targets AS id
  MATCH (c:Career)-[r:REQUIRES]->(s:Skill {id: id})
  RETURN c, r, s
}
RETURN {source: c.id, target: s.id, type: type(r), importance: r.importance, core: r.core} AS edge
ORDER BY edge.source, edge.target
