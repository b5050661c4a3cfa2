// Dump: aliases of careers. One Alias node per comparison key (trimmed, single-spaced, lower-case) may name several careers.
UNWIND $rows AS row
MERGE (a:Alias {key: row.key})
  ON CREATE SET a.name = row.name
WITH a, row
MATCH (t:Career {id: row.target})
MERGE (a)-[:ALIAS_OF]->(t);
