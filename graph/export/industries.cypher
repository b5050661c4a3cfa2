// Dump: industries, one map of properties per row (id, name, description, source).
UNWIND $rows AS row
MERGE (n:Industry {id: row.id})
SET n = row;
