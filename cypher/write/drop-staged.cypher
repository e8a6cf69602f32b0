// name: drop-staged
// description: Delete staged or hidden nodes (stage-nodes.cypher, retire-nodes.cypher), in
//   batches of their own transactions, after drop-staged-rels.cypher deleted their
//   relationships: either every run's but one (`keep`: the remains of a load that failed
//   or was killed, even a batch that committed after the load cleaning up had started;
//   run while holding the load lock, when no other load is staging) or one run's
//   (`only`: what a load hid, after it committed, or staged, after it failed).
// param: keep: string (optional) — a run id whose nodes stay
// param: only: string (optional) — the run id whose nodes go
// returns: nothing
MATCH (n:KgStaged)
WHERE CASE WHEN $only IS NULL THEN coalesce(n.staged_by, '') <> $keep ELSE n.staged_by = $only END
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
