// name: validate-leaf-without-first-monitor
// description: A leaf activity (no sub-activities) without a first monitor.
// severity: error
// returns: ids, nodes, detail
MATCH (act:Activity {kind: 'activity'})
WHERE NOT EXISTS { (:Activity)-[:PART_OF]->(act) }
  AND NOT EXISTS { (:Role|Department)-[:MONITORS {rank: 'first'}]->(act) }
RETURN [act.id] AS ids, [act.name] AS nodes, 'no first monitor' AS detail
ORDER BY act.code, act.starts[0], act.id
