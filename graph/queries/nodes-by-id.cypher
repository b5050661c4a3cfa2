// The careers, skills and industries with the given ids; ids that name nothing are left out.
// :param ids => ["machine-learning-engineer"]
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Career {id: id}) RETURN n
  UNION
  MATCH (n:Skill {id: id}) RETURN n
  UNION
  MATCH (n:Industry {id: id}) RETURN n
}
RETURN n AS node
