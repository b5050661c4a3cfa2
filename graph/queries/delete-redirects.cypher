// Deletes the redirects from the merged-away ids in $ids.
// :param ids => ["machine-learning-engineer"]
UNWIND $ids AS id
MATCH (r:Redirect {from: id})
DELETE r
