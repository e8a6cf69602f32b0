// name: role-changes
// description: What changed for a role (or department) across load runs: the RACI letters it gained and lost (in activities added and removed too), its reporting lines, its department, its appearing or disappearing — as each run recorded them, oldest first.
// param: role: party (required) — e.g. 客户经理
// returns: started_at, run, source, versions, change
//
// Reads what `kg load` records with each run (LoadRun.change_parties/change_items, one
// entry per change per role or department); `kg history --show RUN` prints a run's whole
// report. Runs recorded before kg kept change sets have none. A role no longer in the
// graph is not found by name: `kg history --show` still lists it.
MATCH (r:LoadRun)
WHERE $role IN r.change_parties
UNWIND range(0, size(r.change_parties) - 1) AS i
WITH r, i
WHERE r.change_parties[i] = $role
RETURN toString(r.started_at) AS started_at,
       left(r.id, 8) AS run,
       r.source AS source,
       coalesce(r.old_version, '∅') + ' → ' + coalesce(r.new_version, '∅') AS versions,
       r.change_items[i] AS change
ORDER BY r.started_at, i
