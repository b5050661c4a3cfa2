// SPECIALISATION_OF edges leaving the careers in $sources (their broader careers) or reaching the careers in $targets.
// Each side starts from the unique index on id; UNION drops an edge found from both ends.
// :param sources => ["machine-learning-engineer"]
// :param targets => ["python"]
CALL () {
  UNWIND $sources AS id
  MATCH (narrow:Career {id: id})-[r:SPECIALISATION_OF]->(broad:Career)
  RETURN narrow, r, broad
  UNION
  UNWIND $targets AS id
  MATCH (narrow:Career)-[r:SPECIALISATION_OF]->(broad:Career {id: id})
  RETURN narrow, r, broad
}
RETURN {source: narrow.id, target: broad.id, type: type(r)} AS edge
ORDER BY edge.source, edge.target
