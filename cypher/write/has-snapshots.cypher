// name: has-snapshots
// description: Whether the graph keeps any chunked snapshot (write-snapshot.cypher): if
//   not, no model file can be read as an edit, and a load does not try.
// returns: any
OPTIONAL MATCH (s:KgSnapshot) WHERE s.format IS NOT NULL
RETURN count(s) > 0 AS any
