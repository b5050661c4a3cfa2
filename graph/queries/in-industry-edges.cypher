// IN_INDUSTRY edges leaving the careers in $sources or reaching the industries in $targets.
MATCH (c:Career)-[r:IN_INDUSTRY]->(i:Industry)
WHERE c.id IN $sources OR i.id IN $targets
RETURN {source: c.id, target: i.id, type: type(r)} AS edge
ORDER BY edge.source, edge.target
