// name: validate-multiple-first-monitors
// description: An activity with more than one first monitor (accountability must be single).
// severity: error
// returns: ids, nodes, detail
MATCH (who:Role|Department)-[:MONITORS {rank: 'first'}]->(act:Activity)
WITH act, who ORDER BY who.id
WITH act, collect(who) AS monitors
WHERE size(monitors) > 1
RETURN [act.id] + [m IN monitors | m.id] AS ids,
       [act.name] + [m IN monitors | m.name] AS nodes,
       size(monitors) + ' first monitors' AS detail
ORDER BY act.code, act.starts[0], act.id
