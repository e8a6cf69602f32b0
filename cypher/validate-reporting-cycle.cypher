// name: validate-reporting-cycle
// description: A reporting cycle: following reporting lines upward leads back to the same role.
// severity: error
// returns: ids, nodes, detail
//
// Each cycle once, starting at its role with the smallest id.
MATCH (start:Role) WHERE EXISTS { ()-[:REPORTS_TO]->(start) }  // a cycle comes back to it
MATCH cycle = (start)-[:REPORTS_TO*1..10]->(start)
WHERE all(n IN nodes(cycle) WHERE start.id <= n.id)
RETURN [n IN nodes(cycle) | n.id] AS ids, [n IN nodes(cycle) | n.name] AS nodes,
       'cycle of ' + length(cycle) + ' reporting line(s)' AS detail
ORDER BY length(cycle), ids
