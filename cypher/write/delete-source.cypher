// name: delete-source
// description: Forget a source whose statements have all been withdrawn, and its snapshot.
// param: source: string — the source id
// returns: nothing
MATCH (s:Source {id: $source})
OPTIONAL MATCH (snapshot:KgSnapshot {id: $source})
DELETE s, snapshot
