// SEE_ALSO edges leaving the careers in $sources or reaching the careers in $targets.
MATCH (a:Career)-[r:SEE_ALSO]->(b:Career)
WHERE a.id IN $sources OR b.id IN $targets
RETURN {source: a.id, target: b.id, type: type(r), weight: r.weight, tier: r.tier, reason: r.reason} AS edge
ORDER BY edge.source, edge.target
