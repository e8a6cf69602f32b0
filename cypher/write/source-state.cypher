// name: source-state
// description: The content hash a source was last loaded with (null if never loaded).
// param: source: string — the source id
// returns: hash
OPTIONAL MATCH (s:Source {id: $source})
RETURN s.content_hash AS hash
