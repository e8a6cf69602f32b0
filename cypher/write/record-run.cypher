// name: record-run
// description: Record one load of one source (kg history lists these), with what it
//   changed: the semantic report (kg.changes) as zlib-compressed JSON in `changes` (kg
//   history --show prints it again), and per role or department one line per change in
//   the parallel lists `change_parties`/`change_items` (cypher/role-changes.cypher).
// param: props: map — id, source, path, content_hash, status, duration_ms, the totals,
//   summary, old_version, new_version, changes, change_parties, change_items
// param: started_at: string — ISO 8601 time the run started
// returns: nothing
CREATE (r:LoadRun)
SET r = $props, r.started_at = datetime($started_at)
