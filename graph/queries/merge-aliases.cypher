// Adds aliases or brings their spelling up to date, reporting per row whether it was created, updated or already so.
// One Alias node per comparison key; each ALIAS_OF link keeps the spelling given for the node it names.
// :param rows => []
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Career {id: row.target}) RETURN n
  UNION
  MATCH (n:Skill {id: row.target}) RETURN n
}
MERGE (a:Alias {key: row.key})
  ON CREATE SET a.name = row.name
WITH a, n, row
OPTIONAL MATCH (a)-[existing:ALIAS_OF]->(n)
WITH a, n, row, CASE
    WHEN existing IS NULL THEN 'created'
    WHEN existing.name = row.name THEN 'unchanged'
    ELSE 'updated'
  END AS outcome
CALL (a, n, row, outcome) {
  WITH * WHERE outcome <> 'unchanged'
  MERGE (a)-[r:ALIAS_OF]->(n)
  SET r.name = row.name
}
RETURN outcome, count(*) AS count
