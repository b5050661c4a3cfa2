// Deletes edges ($rows: source, type, target). A career left without a SPECIALISATION_OF edge loses the Specialisation label.
// :param rows => []
UNWIND $rows AS row
MATCH (a:Career {id: row.source})-[r:REQUIRES|IN_INDUSTRY|SPECIALISATION_OF|SEE_ALSO]->(b)
WHERE type(r) = row.type AND b.id = row.target
DELETE r
WITH DISTINCT a
WHERE a:Specialisation AND NOT EXISTS { (a)-[:SPECIALISATION_OF]->() }
REMOVE a:Specialisation
