// name: publish-nodes
// description: Give staged nodes (stage-nodes.cypher) their fact label, inside the load's
//   transaction: they, and the relationships staged between them, appear when it commits.
//   The label's uniqueness constraint on id is checked here.
// template: __LABEL__ as in upsert-nodes.cypher
// param: eids: list of element ids of staged nodes
// returns: nothing
UNWIND $eids AS eid
MATCH (n:KgStaged) WHERE elementId(n) = eid
SET n:__LABEL__
REMOVE n:KgStaged, n.staged_by
