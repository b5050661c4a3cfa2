// Appends the audit entries of an accepted change ($rows: sequence, at, actor, operation, nodeIds, summary, before,
// after). The service numbers them on from the lastSequence that load-change-slice read under the audit log's lock;
// the audit log then keeps the last number used.
// :param rows => []
MATCH (log:AuditLog {key: 'curation'})
UNWIND $rows AS row
CREATE (entry:AuditEntry)
SET entry = row
WITH log, max(row.sequence) AS last
SET log.lastSequence = last
