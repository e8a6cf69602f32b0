// name: viz-chain
// description: The upward reporting chain(s) of a role as a drawable subgraph, over all contexts or within one activity's context (used by `kg viz chain`).
// param: role: role (required) — e.g. 客户经理
// param: activity: activity (optional, default null) — e.g. 客户意见直接反馈
// returns: start (the role), activity (the context activity, or null), paths (the longest chains, subordinate first), contexts (id, name, name_original, name_en of each activity a line on the chains is stated in)
// $role and $activity are ids (`kg viz` and `kg query` resolve names first): index seeks.
// Only the longest chains are returned: a chain that goes on (one more line, in the
// context asked for, not on it already, within 20 lines) is a prefix of another and
// draws nothing that one does not; so a chain 17 lines deep is one path, not 17.
MATCH (start:Role {id: $role})
OPTIONAL MATCH (ctx:Activity {id: $activity})
WITH start, ctx
OPTIONAL MATCH p = (start)-[:REPORTS_TO*1..20]->(top:Role|Department)
WHERE ($activity IS NULL OR all(line IN relationships(p) WHERE ctx.id IN line.activities))
  AND (length(p) = 20 OR NOT EXISTS {
    MATCH (top)-[next:REPORTS_TO]->(:Role|Department)
    WHERE NOT next IN relationships(p) AND ($activity IS NULL OR ctx.id IN next.activities)
  })
WITH start, ctx, collect(p) AS paths
CALL (paths) {
  UNWIND paths AS p
  UNWIND relationships(p) AS line
  // each line once: the chains share their lower lines (same contexts, same order)
  WITH DISTINCT line
  UNWIND line.activities AS activity_id
  MATCH (a:Activity {id: activity_id})
  RETURN collect(DISTINCT a {.id, .name, .name_original, .name_en}) AS contexts
}
RETURN start, ctx AS activity, paths, contexts
