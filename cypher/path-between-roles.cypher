// name: path-between-roles
// description: The shortest connections between two roles or departments through the organisation above them: their superiors, departments and departments above (through any of its reporting lines and departments when they meet nowhere above).
// param: from_role: party (required) — e.g. 产品经理
// param: to_role: party (required) — e.g. 办事处主任
// param: limit: int (optional, default 10) — e.g. 5
// returns: hops, route, path
//
// Reporting lines (any context), department membership and sub-departments count, in
// either direction; `route` spells the path out with the direction of each relationship
// (A -REPORTS_TO-> B -BELONGS_TO-> D <-BELONGS_TO- C), `path` is the path itself (for
// drawing). All shortest paths are listed, up to $limit. For roles that only meet in
// activities, see shared-activities.
// Pruned by the reporting structure: the search keeps to what stands above either end
// (their superiors up to 12 lines, the departments those belong to, and the departments
// above those), a few dozen nodes, instead of fanning out through every team of 100
// roles on the way; only two ends that meet nowhere above are searched for through the
// whole organisation.
MATCH (a:Role|Department {id: $from_role}), (b:Role|Department {id: $to_role})
WITH a, b, COLLECT {
  UNWIND [a, b] AS end
  MATCH (end)-[:REPORTS_TO*0..12]->(superior)
  RETURN DISTINCT superior
} AS superiors
WITH a, b, superiors + COLLECT {
  UNWIND superiors AS superior
  MATCH (superior)-[:BELONGS_TO*0..1]->(department:Department)
  WITH DISTINCT department
  MATCH (department)-[:PART_OF*0..12]->(above)
  RETURN DISTINCT above
} AS structure
WITH a, b, COLLECT {
  MATCH p = allShortestPaths((a)-[:REPORTS_TO|BELONGS_TO|PART_OF*..12]-(b))
  WHERE all(n IN nodes(p) WHERE n IN structure)
  RETURN p
} AS above
CALL (a, b, above) {
  UNWIND above AS p
  RETURN p
  UNION
  WITH a, b WHERE above = []
  MATCH p = allShortestPaths((a)-[:REPORTS_TO|BELONGS_TO|PART_OF*..12]-(b))
  RETURN p
}
WITH p, nodes(p) AS ns, relationships(p) AS rs
WITH p, reduce(route = ns[0].name, i IN range(0, size(rs) - 1) |
       route + CASE WHEN startNode(rs[i]) = ns[i]
                    THEN ' -' + type(rs[i]) + '-> '
                    ELSE ' <-' + type(rs[i]) + '- ' END + ns[i + 1].name) AS route
RETURN length(p) AS hops, route, p AS path
ORDER BY hops, route
LIMIT $limit
