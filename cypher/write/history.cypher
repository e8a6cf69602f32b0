// name: history
// description: Recent load runs, newest first, optionally of one source.
// param: source: string (optional) — a source id
// param: limit: int — how many runs
// returns: id, started_at, source, status, content_hash, duration_ms, the totals, path,
//   old_version, new_version, has_changes (whether the run kept its semantic report)
MATCH (r:LoadRun)
WHERE $source IS NULL OR r.source = $source
RETURN r.id AS id, toString(r.started_at) AS started_at, r.source AS source,
       r.status AS status, r.content_hash AS content_hash, r.duration_ms AS duration_ms,
       r.nodes_added AS nodes_added, r.nodes_removed AS nodes_removed,
       r.nodes_changed AS nodes_changed, r.relationships_added AS relationships_added,
       r.relationships_removed AS relationships_removed,
       r.relationships_changed AS relationships_changed, r.path AS path,
       r.old_version AS old_version, r.new_version AS new_version,
       r.changes IS NOT NULL AS has_changes
ORDER BY r.started_at DESC
LIMIT $limit
