// name: cut-retired
// description: Delete the relationships between nodes retire-nodes.cypher hid and nodes
//   that stay visible, in the load's transaction: hidden nodes connect only to hidden
//   nodes, as staged ones do.
// param: eids: list of element ids of hidden nodes
// returns: nothing
UNWIND $eids AS eid
MATCH (n:KgStaged) WHERE elementId(n) = eid
MATCH (n)-[r]-(m) WHERE NOT m:KgStaged
DELETE r
