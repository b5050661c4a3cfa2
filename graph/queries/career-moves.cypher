// The part of the graph that career moves from $from are ranked over, in one round trip: the careers within $maxHops
// links of it (SEE_ALSO of at least $minWeight, SPECIALISATION_OF, either way) with the links among them; the careers
// that require one of its important skills (core, or of importance at least $importantSkill) that at most $commonSkill
// careers require, found through those skills; and every REQUIRES edge of all these careers, with the skills. No row
// when $from is not a career.
// As in career-path-edges, the search stops at 8 hops (a literal bound; the store refuses more) and the requested
// length is a pre-filter inside the parentheses.
// :param from => "machine-learning-engineer"
// :param minWeight => 0.5
// :param maxHops => 4
// :param importantSkill => 0.7
// :param commonSkill => 100
MATCH (source:Career {id: $from})
CALL (source) {
  MATCH SHORTEST 1 (p = (source)-[r:SEE_ALSO|SPECIALISATION_OF WHERE coalesce(r.weight, 1.0) >= $minWeight]-{1,8}(c:Career)
    WHERE length(p) <= $maxHops)
  WHERE c <> source
  RETURN collect(c) AS reached
}
WITH source, [source] + reached AS near
CALL (near) {
  UNWIND near AS a
  MATCH (a)-[r:SEE_ALSO|SPECIALISATION_OF]->(b:Career)
  WHERE b IN near AND coalesce(r.weight, 1.0) >= $minWeight
  RETURN collect(DISTINCT {source: a.id, target: b.id, type: type(r), weight: r.weight, tier: r.tier}) AS links
}
CALL (source) {
  MATCH (source)-[important:REQUIRES]->(s:Skill)
  WHERE (important.core OR important.importance >= $importantSkill)
    AND COUNT { (s)<-[:REQUIRES]-(:Career) } <= $commonSkill
  MATCH (s)<-[:REQUIRES]-(c:Career)
  RETURN collect(DISTINCT c) AS sharers
}
WITH links, near + [c IN sharers WHERE NOT c IN near] AS careers
CALL (careers) {
  UNWIND careers AS c
  MATCH (c)-[r:REQUIRES]->(s:Skill)
  RETURN collect({source: c.id, target: s.id, type: type(r), importance: r.importance, core: r.core}) AS requires,
         collect(DISTINCT s) AS skills
}
RETURN careers, skills, links + requires AS edges
