// Dump: REQUIRES edges, career → skill, with importance (0–1) and core.
UNWIND $rows AS row
MATCH (c:Career {id: row.source})
MATCH (s:Skill {id: row.target})
MERGE (c)-[r:REQUIRES]->(s)
SET r.importance = row.importance, r.core = row.core;
