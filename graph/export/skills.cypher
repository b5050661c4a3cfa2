// Dump: skills, one map of properties per row (id, name, description, category, hot, source).
UNWIND $rows AS row
MERGE (n:Skill {id: row.id})
SET n = row;
