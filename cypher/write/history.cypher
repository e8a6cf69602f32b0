// name: history
// description: Recent load runs, newest first, optionally of one source.
// param: source: string (optional) — a source id
// param: limit: int — how many runs
// returns: started_at, source, status, content_hash, duration_ms, counts, path
MATCH (r:LoadRun)
WHERE $source IS NULL OR r.source = $source
RETURN toString(r.started_at) AS started_at, r.source AS source, r.status AS status,
       r.content_hash AS content_hash, r.duration_ms AS duration_ms,
       r.nodes_added AS nodes_added, r.nodes_removed AS nodes_removed,
       r.nodes_changed AS nodes_changed, r.relationships_added AS relationships_added,
       r.relationships_removed AS relationships_removed,
       r.relationships_changed AS relationships_changed, r.path AS path
ORDER BY r.started_at DESC
LIMIT $limit
