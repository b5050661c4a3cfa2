// Adds skills or brings them up to date (each row is the whole property map), reporting per row whether it
// was created, updated or already so.
// :param rows => []
UNWIND $rows AS row
OPTIONAL MATCH (existing:Skill {id: row.id})
WITH row, CASE
    WHEN existing IS NULL THEN 'created'
    WHEN properties(existing) = row THEN 'unchanged'
    ELSE 'updated'
  END AS outcome
CALL (row, outcome) {
  WITH * WHERE outcome <> 'unchanged'
  MERGE (n:Skill {id: row.id})
  SET n = row
}
RETURN outcome, count(*) AS count
