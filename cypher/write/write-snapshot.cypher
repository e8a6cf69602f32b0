// name: write-snapshot
// description: Keep what a source stated, as the model it was loaded from: its canonical
//   JSON, zlib-compressed (about a ninth of the model file). The next refresh of the
//   source diffs its new model with this one instead of reading back every fact it
//   stated (kg load --force reads the graph instead). Written in the load's transaction,
//   so it is always what the graph holds from the source.
// param: source: string — the source id
// param: props: {content_hash, loader, data (bytes)}
// returns: nothing
MERGE (s:KgSnapshot {id: $source})
SET s += $props
