// A page of the audit trail, oldest first: the entries after $afterSequence, only those by $actor and concerning the
// node $nodeId when they are given (null keeps all), at most $first.
// :param afterSequence => 0
// :param actor => "key:ci-bot"
// :param nodeId => "machine-learning-engineer"
// :param first => 10
MATCH (entry:AuditEntry)
WHERE entry.sequence > $afterSequence
  AND ($actor IS NULL OR entry.actor = $actor)
  AND ($nodeId IS NULL OR $nodeId IN entry.nodeIds)
RETURN entry {.sequence, .at, .actor, .operation, .nodeIds, .summary, .before, .after} AS entry
ORDER BY entry.sequence
LIMIT $first
