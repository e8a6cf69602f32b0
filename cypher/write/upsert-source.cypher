// name: upsert-source
// description: Record a loaded source: its metadata and the content hash now in the graph.
// param: source: string — the source id
// param: props: map — title, version, issuer, signatory, purpose, accepted_partial, path, file, sha256, content_hash, kind
// returns: nothing
MERGE (s:Source {id: $source})
SET s += $props, s.loaded_at = datetime()
