// name: retire-nodes
// description: Hide the fact nodes of one label that only this source stated and that it
//   no longer states, inside the load's transaction: they lose their label and become
//   :KgStaged, marked with the load's run, so no query that names a fact label sees them
//   once the load commits. The relationships between two of them go with them, hidden;
//   cut-retired.cypher deletes those to visible nodes in the same transaction, and
//   drop-run.cypher deletes the hidden nodes after the commit, in batches of their own.
//   A large unload so holds the label changes in its transaction, not every deletion.
// template: __LABEL__ as in upsert-nodes.cypher
// param: source: string — the source id
// param: run: string — the load's run id
// param: rows: list of {id}
// returns: id, eid (the nodes hidden)
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WHERE n.sources = [$source]
REMOVE n:__LABEL__
SET n:KgStaged, n.staged_by = $run
RETURN n.id AS id, elementId(n) AS eid
