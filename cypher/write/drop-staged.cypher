// name: drop-staged
// description: Delete staged nodes (stage-nodes.cypher) and their relationships: the
//   remains of a load that failed or was killed before it published them. Run only while
//   holding the load lock, when no other load can be staging.
// returns: nothing
MATCH (n:KgStaged)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
