// The careers that those of the ids in $ids which belonged to careers merged away now stand for.
// :param ids => ["machine-learning-engineer"]
UNWIND $ids AS id
MATCH (r:Redirect {from: id})
RETURN {from: r.from, to: r.to} AS redirect
