// Dump: aliases of skills. One Alias node per comparison key (trimmed, single-spaced, lower-case) may name several skills.
UNWIND $rows AS row
MERGE (a:Alias {key: row.key})
  ON CREATE SET a.name = row.name
WITH a, row
MATCH (t:Skill {id: row.target})
MERGE (a)-[:ALIAS_OF]->(t);
