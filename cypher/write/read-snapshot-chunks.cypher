// name: read-snapshot-chunks
// description: Some chunks of a source's snapshot (zlib-compressed canonical JSON of
//   about 1,000 items each), by their slots' property names (c0, c1, …).
// param: source: string — the source id
// param: keys: list of strings — the chunks' property names
// returns: chunks (in the order of keys)
MATCH (s:KgSnapshot {id: $source})
RETURN [k IN $keys | s[k]] AS chunks
