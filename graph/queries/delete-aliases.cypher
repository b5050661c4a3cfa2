// Deletes aliases ($rows: key, target): the ALIAS_OF link from that comparison key to that node, and the Alias node
// once it names nothing.
// :param rows => []
UNWIND $rows AS row
MATCH (a:Alias {key: row.key})-[r:ALIAS_OF]->(n)
WHERE n.id = row.target
DELETE r
WITH DISTINCT a
WHERE NOT EXISTS { (a)-[:ALIAS_OF]->() }
DELETE a
