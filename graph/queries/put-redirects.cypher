// Records that merged-away ids ($rows: from) now stand for other careers (to): one Redirect per merged-away id.
// :param rows => []
UNWIND $rows AS row
MERGE (r:Redirect {from: row.from})
SET r.to = row.to
