// name: validate-leaf-without-responsible
// description: A leaf activity (no sub-activities) without a responsible role.
// severity: error
// returns: ids, nodes, detail
//
// A parent activity whose sub-activities carry the assignments is not a finding, nor is
// a business area (kind 'area').
MATCH (act:Activity {kind: 'activity'})
WHERE NOT EXISTS { (:Activity)-[:PART_OF]->(act) }
  AND NOT EXISTS { (:Role)-[:RESPONSIBLE]->(act) }
RETURN [act.id] AS ids, [act.name] AS nodes, 'no responsible role' AS detail
ORDER BY act.code, act.starts[0], act.id
