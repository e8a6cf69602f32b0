// name: read-snapshot
// description: The snapshot of what a source stated when it was last loaded
//   (write-snapshot.cypher), if there is one: its layout, not its chunks
//   (read-snapshot-chunks.cypher). An older kg's snapshot has no format and one `data`; format 2 has no
//   chunk_slots (its chunks are in the slots of their positions).
// param: source: string — the source id
// returns: content_hash, loader, format, source_data, aliases_data, chunk_kinds, chunk_sizes, chunk_hashes, chunk_slots, data
MATCH (s:KgSnapshot {id: $source})
RETURN s.content_hash AS content_hash, s.loader AS loader, s.format AS format,
       s.source_data AS source_data, s.aliases_data AS aliases_data,
       s.chunk_kinds AS chunk_kinds, s.chunk_sizes AS chunk_sizes,
       s.chunk_hashes AS chunk_hashes, s.chunk_slots AS chunk_slots, s.data AS data
