// name: activity-tree
// description: The business areas and their activities as a tree, in document order.
// param: area: string (optional, default null) — e.g. 客户关系
// returns: depth, area, parent, activity, activity_en, code, kind, outputs, activity_id, parent_id
//
// depth 0 is a business area; `parent` is the activity one level up. With $area (the
// name of a top-level activity) only the activities under it, found from the area down.
CALL () {
  MATCH (act:Activity) WHERE $area IS NULL RETURN act
  UNION
  MATCH (:Activity {name: $area})<-[:PART_OF*0..6]-(act:Activity) RETURN act
}
CALL (act) {
  OPTIONAL MATCH up = (act)-[:PART_OF*0..6]->(area:Activity)
  WHERE NOT EXISTS { (area)-[:PART_OF]->(:Activity) }
  RETURN area, length(up) AS depth ORDER BY depth DESC LIMIT 1
}
WITH act, area, depth WHERE $area IS NULL OR area.name = $area
OPTIONAL MATCH (act)-[:PART_OF]->(parent:Activity)
RETURN depth,
       area.name AS area,
       parent.name AS parent,
       act.name AS activity,
       act.name_en AS activity_en,
       act.code AS code,
       act.kind AS kind,
       COLLECT { MATCH (act)-[:PRODUCES]->(o:Output) RETURN o.name ORDER BY o.name } AS outputs,
       act.id AS activity_id,
       parent.id AS parent_id
ORDER BY act.code, act.starts[0], activity
