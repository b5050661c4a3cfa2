// Dump: SPECIALISATION_OF edges, career → the broader career it specialises.
UNWIND $rows AS row
MATCH (c:Career {id: row.source})
MATCH (p:Career {id: row.target})
MERGE (c)-[:SPECIALISATION_OF]->(p);
