// What a curator's change is checked against, read first in the change's transaction. It takes the audit log's write
// lock before anything else (a SET that reads the property it sets makes Neo4j lock the node before reading), so
// changes are serialised: a concurrent change waits here until this one commits or rolls back. Then, for the ids in
// $ids and the name keys in $nameKeys: the nodes with those ids or name keys, every edge touching those ids, the
// SPECIALISATION_OF edges above them (so a cycle is found however long the chain), their aliases, and the redirects
// from or to them; and the last audit sequence number used.
// :param ids => ["machine-learning-engineer"]
// :param nameKeys => ["machine learning engineer"]
MERGE (log:AuditLog {key: 'curation'})
SET log.lastSequence = coalesce(log.lastSequence, 0)
WITH log.lastSequence AS lastSequence
CALL () {
  UNWIND $ids AS id
  CALL (id) {
    MATCH (n:Career {id: id}) RETURN n
    UNION
    MATCH (n:Skill {id: id}) RETURN n
    UNION
    MATCH (n:Industry {id: id}) RETURN n
  }
  RETURN collect(n) AS touched
}
CALL () {
  UNWIND $nameKeys AS key
  CALL (key) {
    MATCH (n:Career {nameKey: key}) RETURN n
    UNION
    MATCH (n:Skill {nameKey: key}) RETURN n
    UNION
    MATCH (n:Industry {nameKey: key}) RETURN n
  }
  RETURN collect(n) AS named
}
CALL (touched) {
  UNWIND touched AS n
  CALL (n) {
    MATCH (n)-[r:REQUIRES|IN_INDUSTRY|SPECIALISATION_OF|SEE_ALSO]->(b) RETURN n AS a, r, b
    UNION
    MATCH (a)-[r:REQUIRES|IN_INDUSTRY|SPECIALISATION_OF|SEE_ALSO]->(n) RETURN a, r, n AS b
    UNION
    MATCH (n)-[:SPECIALISATION_OF]->+(a:Career)-[r:SPECIALISATION_OF]->(b:Career) RETURN a, r, b
  }
  RETURN collect(DISTINCT {source: a.id, target: b.id, type: type(r), importance: r.importance, core: r.core, weight: r.weight, tier: r.tier, reason: r.reason}) AS edges
}
CALL (touched) {
  UNWIND touched AS n
  MATCH (:Alias)-[r:ALIAS_OF]->(n)
  RETURN collect({name: r.name, target: n.id}) AS aliases
}
CALL () {
  CALL () {
    UNWIND $ids AS id
    MATCH (r:Redirect {from: id}) RETURN r
    UNION
    UNWIND $ids AS id
    MATCH (r:Redirect {to: id}) RETURN r
  }
  RETURN collect({from: r.from, to: r.to}) AS redirects
}
RETURN lastSequence, touched + [n IN named WHERE NOT n IN touched] AS nodes, edges, aliases, redirects
