// name: write-snapshot
// description: Keep what a source stated, as the model it was loaded from: its canonical
//   JSON in chunks of about 1,000 items cut where an item's id hashes to a boundary
//   (loaders/snapshot.py), each zlib-compressed in a property, its slot (c0, c1, …),
//   beside its hash, so that the next refresh diffs its new model with this one instead of
//   reading back every fact it stated (kg load --force reads the graph instead), and
//   rewrites only the chunks an edit touched (edit-snapshot.cypher). Written in the
//   load's transaction, so it is always what the graph holds from the source. It
//   replaces every property: no chunk of a longer model before is left.
// param: source: string — the source id
// param: props: {content_hash, loader, format, source_data, aliases_data, chunk_kinds, chunk_sizes, chunk_hashes, chunk_slots, c0, c1, …}
// returns: nothing
MERGE (s:KgSnapshot {id: $source})
SET s = $props, s.id = $source
