// Dump: careers, one map of properties per row (id, name, description, duties, categories, socCode, jobZone, source).
UNWIND $rows AS row
MERGE (n:Career {id: row.id})
SET n = row;
