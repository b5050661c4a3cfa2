// The aliases of the given careers and skills, each spelt as recorded for that node.
// :param ids => ["machine-learning-engineer"]
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Career {id: id}) RETURN n
  UNION
  MATCH (n:Skill {id: id}) RETURN n
}
MATCH (:Alias)-[r:ALIAS_OF]->(n)
RETURN {name: r.name, target: n.id} AS alias
ORDER BY alias.target, alias.name
