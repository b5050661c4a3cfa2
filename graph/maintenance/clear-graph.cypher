// Deletes every node and relationship (constraints and indexes stay). For tests and deliberate resets only.
MATCH (n)
DETACH DELETE n
