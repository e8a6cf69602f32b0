// name: read-snapshot
// description: The snapshot of what a source stated when it was last loaded
//   (write-snapshot.cypher), if there is one.
// param: source: string — the source id
// returns: content_hash, loader, data
MATCH (s:KgSnapshot {id: $source})
RETURN s.content_hash AS content_hash, s.loader AS loader, s.data AS data
