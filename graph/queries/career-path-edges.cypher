// The career-to-career edges a path from $from to $to of at most $maxHops hops could use: edges of the kinds in $via,
// walked either way, none weaker than $minWeight (SPECIALISATION_OF counts 1). A career is on the way when its
// distance from $from plus its distance to $to is within $maxHops; the caller ranks the paths over these edges.
// Quantifier bounds must be literals, so the searches stop at 8 hops, the most the API allows (Neo4jGraphStore
// refuses more); the length filter sits inside the parentheses, a pre-filter applied to every path the search tries.
// :param from => "machine-learning-engineer"
// :param to => "cloud-engineer"
// :param via => ["SEE_ALSO", "SPECIALISATION_OF"]
// :param minWeight => 0.5
// :param maxHops => 4
MATCH (source:Career {id: $from})
MATCH (target:Career {id: $to})
CALL (source) {
  MATCH SHORTEST 1 (p = (source)-[r:SEE_ALSO|SPECIALISATION_OF WHERE type(r) IN $via AND coalesce(r.weight, 1.0) >= $minWeight]-{1,8}(c:Career)
    WHERE length(p) <= $maxHops)
  RETURN collect({career: c, hops: length(p)}) AS reached
}
WITH source, target, reached + [{career: source, hops: 0}] AS fromSource
CALL (target) {
  MATCH SHORTEST 1 (p = (target)-[r:SEE_ALSO|SPECIALISATION_OF WHERE type(r) IN $via AND coalesce(r.weight, 1.0) >= $minWeight]-{1,8}(c:Career)
    WHERE length(p) <= $maxHops)
  RETURN collect({career: c, hops: length(p)}) AS reached
}
WITH fromSource, reached + [{career: target, hops: 0}] AS toTarget
WITH [a IN fromSource WHERE any(b IN toTarget WHERE b.career = a.career AND a.hops + b.hops <= $maxHops) | a.career] AS onTheWay
CALL (onTheWay) {
  UNWIND onTheWay AS a
  MATCH (a)-[r:SEE_ALSO|SPECIALISATION_OF]->(b:Career)
  WHERE b IN onTheWay AND type(r) IN $via AND coalesce(r.weight, 1.0) >= $minWeight
  RETURN collect(DISTINCT {source: a.id, target: b.id, type: type(r), weight: r.weight, tier: r.tier, reason: r.reason}) AS edges
}
RETURN [c IN onTheWay | c.id] AS careers, edges
