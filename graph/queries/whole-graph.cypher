// The whole career graph, for export: every career, skill and industry, every edge between them, and every alias.
CALL () {
  MATCH (n:Career|Skill|Industry)
  RETURN collect(n) AS nodes
}
CALL () {
  MATCH (a)-[r:REQUIRES|IN_INDUSTRY|SPECIALISATION_OF|SEE_ALSO]->(b)
  RETURN collect({source: a.id, target: b.id, type: type(r), importance: r.importance, core: r.core, weight: r.weight, tier: r.tier, reason: r.reason}) AS edges
}
CALL () {
  MATCH (:Alias)-[r:ALIAS_OF]->(n)
  RETURN collect({name: r.name, target: n.id}) AS aliases
}
RETURN nodes, edges, aliases
