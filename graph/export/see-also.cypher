// Dump: SEE_ALSO edges, career → related career, with weight (0–1] and tier.
UNWIND $rows AS row
MATCH (c:Career {id: row.source})
MATCH (r:Career {id: row.target})
MERGE (c)-[s:SEE_ALSO]->(r)
SET s.weight = row.weight, s.tier = row.tier;
