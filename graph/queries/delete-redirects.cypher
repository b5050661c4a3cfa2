// Deletes the redirects from the merged-away ids in $ids.
UNWIND $ids AS id
MATCH (r:Redirect {from: id})
DELETE r
