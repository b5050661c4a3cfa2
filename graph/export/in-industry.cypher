// Dump: IN_INDUSTRY edges, career → industry.
UNWIND $rows AS row
MATCH (c:Career {id: row.source})
MATCH (i:Industry {id: row.target})
MERGE (c)-[:IN_INDUSTRY]->(i);
