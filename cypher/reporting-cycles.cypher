// name: reporting-cycles
// description: Reporting cycles: roles that, following reporting lines upward, come back to themselves.
// returns: cycle, length, shared_contexts
//
// Each cycle is listed once, starting at its role with the smallest id. `shared_contexts`
// names the activities in whose context every line of the cycle holds (empty: the cycle
// only appears when contexts are mixed).
MATCH (start:Role) WHERE EXISTS { ()-[:REPORTS_TO]->(start) }  // a cycle comes back to it
MATCH cycle = (start)-[lines:REPORTS_TO*1..10]->(start)
WHERE all(n IN nodes(cycle) WHERE start.id <= n.id)
WITH cycle, lines,
     reduce(common = lines[0].activities, l IN lines |
            [a IN common WHERE a IN l.activities]) AS shared
RETURN [n IN nodes(cycle) | n.name] AS cycle,
       length(cycle) AS length,
       COLLECT {
         MATCH (context:Activity) WHERE context.id IN shared
         RETURN context.name ORDER BY context.code, context.name
       } AS shared_contexts
ORDER BY length, cycle
