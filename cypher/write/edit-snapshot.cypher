// name: edit-snapshot
// description: Update a source's snapshot (write-snapshot.cypher) after an edit: its
//   layout, the chunks that changed (in their slots), and the slots no chunk keeps any
//   more (set to null).
// param: source: string — the source id
// param: props: {content_hash, loader, format, source_data, aliases_data, chunk_kinds, chunk_sizes, chunk_hashes, chunk_slots, and the changed c0, c1, …}
// returns: nothing
MATCH (s:KgSnapshot {id: $source})
SET s += $props
