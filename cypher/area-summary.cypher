// name: area-summary
// description: One row per business area: its activities, the roles involved, outputs, and gaps.
// returns: area, area_en, activities, leaf_activities, roles, outputs, without_responsible, without_first_monitor
//
// Counts cover every activity below the area (any depth); gaps count leaf activities only.
MATCH (top:Activity {kind: 'area'})
CALL (top) {
  OPTIONAL MATCH (act:Activity)-[:PART_OF*1..6]->(top)
  WITH DISTINCT act
  RETURN collect(act) AS acts
}
WITH top, acts, [a IN acts WHERE NOT EXISTS { (:Activity)-[:PART_OF]->(a) }] AS leaves
RETURN top.name AS area,
       top.name_en AS area_en,
       size(acts) AS activities,
       size(leaves) AS leaf_activities,
       COUNT {
         MATCH (who:Role)-[:RESPONSIBLE|ASSISTS|MONITORS]->(a:Activity) WHERE a IN acts
         RETURN DISTINCT who
       } AS roles,
       COUNT {
         MATCH (a:Activity)-[:PRODUCES]->(o:Output) WHERE a IN acts OR a = top
         RETURN DISTINCT o
       } AS outputs,
       size([a IN leaves WHERE NOT EXISTS { (:Role)-[:RESPONSIBLE]->(a) }]) AS without_responsible,
       size([a IN leaves WHERE NOT EXISTS { ()-[:MONITORS {rank: 'first'}]->(a) }])
         AS without_first_monitor
ORDER BY top.code, top.starts[0], area
