// name: delete-source
// description: Forget a source whose statements have all been withdrawn.
// param: source: string — the source id
// returns: nothing
MATCH (s:Source {id: $source})
DELETE s
