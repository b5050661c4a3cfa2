// Adds REQUIRES edges or brings their properties up to date, reporting per row whether it was created, updated or already so.
// :param rows => []
UNWIND $rows AS row
MATCH (a:Career {id: row.source})
MATCH (b:Skill {id: row.target})
OPTIONAL MATCH (a)-[existing:REQUIRES]->(b)
WITH a, b, row, CASE
    WHEN existing IS NULL THEN 'created'
    WHEN properties(existing) = row.properties THEN 'unchanged'
    ELSE 'updated'
  END AS outcome
CALL (a, b, row, outcome) {
  WITH * WHERE outcome <> 'unchanged'
  MERGE (a)-[r:REQUIRES]->(b)
  SET r = row.properties
}
RETURN outcome, count(*) AS count
