// SPECIALISATION_OF edges leaving the careers in $sources (their broader careers) or reaching the careers in $targets.
MATCH (narrow:Career)-[r:SPECIALISATION_OF]->(broad:Career)
WHERE narrow.id IN $sources OR broad.id IN $targets
RETURN {source: narrow.id, target: broad.id, type: type(r)} AS edge
ORDER BY edge.source, edge.target
