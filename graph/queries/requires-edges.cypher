// REQUIRES edges leaving the careers in $sources or reaching the skills in $targets.
MATCH (c:Career)-[r:REQUIRES]->(s:Skill)
WHERE c.id IN $sources OR s.id IN $targets
RETURN {source: c.id, target: s.id, type: type(r), importance: r.importance, core: r.core} AS edge
ORDER BY edge.source, edge.target
