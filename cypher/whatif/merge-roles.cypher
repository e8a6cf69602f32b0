// name: merge-roles
// description: What-if (run in a transaction that is rolled back, see kg.notebook): merge
//   one role into another — the kept role takes over its responsibilities, assistance,
//   monitoring, department and reporting lines (both ways), then the merged role goes.
// param: role: string — the id of the role merged away
// param: into: string — the id of the role that stays
// returns: kept (the id of the role that stays)
MATCH (gone:Role {id: $role}), (keep:Role {id: $into})
WHERE gone <> keep
CALL (gone, keep) {
  MATCH (gone)-[:RESPONSIBLE]->(a:Activity)
  MERGE (keep)-[:RESPONSIBLE]->(a)
}
CALL (gone, keep) {
  MATCH (gone)-[:ASSISTS]->(a:Activity)
  MERGE (keep)-[:ASSISTS]->(a)
}
CALL (gone, keep) {
  MATCH (gone)-[m:MONITORS]->(a:Activity)
  MERGE (keep)-[:MONITORS {rank: m.rank}]->(a)
}
CALL (gone, keep) {
  MATCH (gone)-[:BELONGS_TO]->(d:Department)
  MERGE (keep)-[:BELONGS_TO]->(d)
}
CALL (gone, keep) {
  MATCH (gone)-[line:REPORTS_TO]->(superior)
  WHERE superior <> keep
  MERGE (keep)-[merged:REPORTS_TO]->(superior)
  SET merged.activities = coalesce(merged.activities, []) + line.activities
}
CALL (gone, keep) {
  MATCH (subordinate)-[line:REPORTS_TO]->(gone)
  WHERE subordinate <> keep
  MERGE (subordinate)-[merged:REPORTS_TO]->(keep)
  SET merged.activities = coalesce(merged.activities, []) + line.activities
}
DETACH DELETE gone
RETURN keep.id AS kept
