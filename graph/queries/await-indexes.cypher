// Waits up to $seconds for every index to come online. It fails when they are still filling, and the service asks again
// (logging progress), so no single request outlasts its timeout however large the graph.
// :param seconds => 25
CALL db.awaitIndexes($seconds)
