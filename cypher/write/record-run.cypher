// name: record-run
// description: Record one load of one source (kg history lists these).
// param: props: map — id, source, path, content_hash, status, duration_ms, counts, summary
// param: started_at: string — ISO 8601 time the run started
// returns: nothing
CREATE (r:LoadRun)
SET r = $props, r.started_at = datetime($started_at)
