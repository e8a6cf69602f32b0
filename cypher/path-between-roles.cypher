// name: path-between-roles
// description: The shortest connections between two roles or departments, through the organisation: reporting lines and departments.
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
MATCH (a:Role|Department {id: $from_role}), (b:Role|Department {id: $to_role})
MATCH p = allShortestPaths(
  (a)-[:REPORTS_TO|BELONGS_TO|PART_OF*..12]-(b)
)
WITH p, nodes(p) AS ns, relationships(p) AS rs
WITH p, reduce(route = ns[0].name, i IN range(0, size(rs) - 1) |
       route + CASE WHEN startNode(rs[i]) = ns[i]
                    THEN ' -' + type(rs[i]) + '-> '
                    ELSE ' <-' + type(rs[i]) + '- ' END + ns[i + 1].name) AS route
RETURN length(p) AS hops, route, p AS path
ORDER BY hops, route
LIMIT $limit
