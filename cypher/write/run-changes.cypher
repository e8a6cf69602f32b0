// name: run-changes
// description: One load run and the semantic report it kept (record-run.cypher), for
//   kg history --show. The run is named by its id or by a prefix of it (as kg history
//   shows it): every run whose id starts so is returned, newest first.
// param: run: string — a run id, or the start of one
// returns: id, started_at, source, status, old_version, new_version, changes (bytes or null)
MATCH (r:LoadRun)
WHERE r.id STARTS WITH $run
RETURN r.id AS id, toString(r.started_at) AS started_at, r.source AS source,
       r.status AS status, r.old_version AS old_version, r.new_version AS new_version,
       r.changes AS changes
ORDER BY r.started_at DESC
LIMIT 10
