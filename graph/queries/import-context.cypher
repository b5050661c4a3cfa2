// What an import must know before it writes: the kind of each of $ids already stored, every stored
// SPECIALISATION_OF link (so no cycle is made), and whether an import under $onceKey was recorded before.
// :param ids => ["machine-learning-engineer"]
// :param onceKey => "seeds:0123456789abcdef"
CALL () {
  UNWIND $ids AS id
  CALL (id) {
    MATCH (n:Career {id: id}) RETURN 'Career' AS kind
    UNION
    MATCH (n:Skill {id: id}) RETURN 'Skill' AS kind
    UNION
    MATCH (n:Industry {id: id}) RETURN 'Industry' AS kind
  }
  RETURN collect({id: id, kind: kind}) AS known
}
CALL () {
  MATCH (narrow:Career)-[:SPECIALISATION_OF]->(broad:Career)
  RETURN collect([narrow.id, broad.id]) AS specialisations
}
RETURN known, specialisations, EXISTS { (:Import {key: $onceKey}) } AS imported
