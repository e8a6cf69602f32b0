// name: drop-staged-rels
// description: Delete the relationships of the staged or hidden nodes drop-staged.cypher
//   then deletes, in batches of their own transactions: a node with thousands of
//   relationships does not make one batch large. Staged and hidden nodes connect only
//   to each other, so the relationships that start at them are all of them.
// param: keep: string (optional) — a run id whose nodes stay
// param: only: string (optional) — the run id whose nodes go
// returns: nothing
MATCH (n:KgStaged)-[r]->()
WHERE CASE WHEN $only IS NULL THEN coalesce(n.staged_by, '') <> $keep ELSE n.staged_by = $only END
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
