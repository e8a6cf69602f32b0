// name: existing-nodes
// description: Which of these ids already exist as nodes of one label (any source), with
//   their element ids: the loader writes relationships by element id.
// template: __LABEL__ as in upsert-nodes.cypher
// param: ids: list of strings
// returns: id, eid
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, elementId(n) AS eid
