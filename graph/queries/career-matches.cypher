// The part of the graph that career matches for $skills (skill ids) are ranked over, in one round trip: the careers that
// require at least one of the skills, every REQUIRES edge of theirs, and the skills those edges reach. Every career
// requiring one of $skills is there, so how many careers require each of them (its rarity) is exact in the slice.
// One row, with empty lists when no career requires any of them.
// :param skills => ["python", "docker"]
UNWIND $skills AS skillId
OPTIONAL MATCH (:Skill {id: skillId})<-[:REQUIRES]-(c:Career)
WITH collect(DISTINCT c) AS careers
CALL (careers) {
  UNWIND careers AS c
  MATCH (c)-[r:REQUIRES]->(s:Skill)
  RETURN collect({source: c.id, target: s.id, type: type(r), importance: r.importance, core: r.core}) AS requires,
         collect(DISTINCT s) AS skills
}
RETURN careers, skills, requires AS edges
