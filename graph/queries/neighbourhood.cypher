// The nodes within $depth hops of one node over the relationship types in $types, each with its distance, and the
// edges among them. Whole distance levels are kept while fewer than $maxNodes nodes lie nearer, so the caller can
// finish the walk breadth-first and stop at $maxNodes; total counts every node within $depth hops.
// Quantifier bounds must be literals, so the search stops at 3 hops, the deepest the API allows (Neo4jGraphStore
// refuses more); the filters sit inside the parentheses, pre-filters applied to every path the search tries.
// :param id => "machine-learning-engineer"
// :param types => ["REQUIRES", "IN_INDUSTRY", "SPECIALISATION_OF", "SEE_ALSO"]
// :param depth => 1
// :param maxNodes => 200
CALL () {
  MATCH (n:Career {id: $id}) RETURN n
  UNION
  MATCH (n:Skill {id: $id}) RETURN n
  UNION
  MATCH (n:Industry {id: $id}) RETURN n
}
WITH n AS centre
CALL (centre) {
  MATCH SHORTEST 1 (p = (centre)-[r:REQUIRES|IN_INDUSTRY|SPECIALISATION_OF|SEE_ALSO WHERE type(r) IN $types]-{1,3}(other)
    WHERE other <> centre AND length(p) <= $depth)
  RETURN collect({node: other, distance: length(p)}) AS reached
}
WITH [{node: centre, distance: 0}] + reached AS ball
WITH ball, [d IN range(0, $depth) | size([b IN ball WHERE b.distance = d])] AS levelSizes
WITH ball, size([d IN range(0, $depth) WHERE reduce(nearer = 0, s IN levelSizes[0..d] | nearer + s) < $maxNodes]) AS keptLevels
WITH size(ball) AS total, [b IN ball WHERE b.distance < keptLevels] AS kept
CALL (kept) {
  WITH [b IN kept | b.node] AS nodes
  UNWIND nodes AS a
  MATCH (a)-[r:REQUIRES|IN_INDUSTRY|SPECIALISATION_OF|SEE_ALSO]->(b)
  WHERE type(r) IN $types AND b IN nodes
  RETURN collect({source: a.id, target: b.id, type: type(r), importance: r.importance, core: r.core, weight: r.weight, tier: r.tier, reason: r.reason}) AS edges
}
RETURN total, kept AS nodes, edges
