// Deletes the careers, skills and industries with the ids in $ids, with anything still attached to them.
// :param ids => ["machine-learning-engineer"]
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Career {id: id}) RETURN n
  UNION
  MATCH (n:Skill {id: id}) RETURN n
  UNION
  MATCH (n:Industry {id: id}) RETURN n
}
DETACH DELETE n
