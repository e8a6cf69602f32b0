// name: activity-tree
// description: The business areas and their activities as a tree, in document order.
// returns: depth, area, parent, activity, activity_en, code, kind, outputs, activity_id, parent_id
//
// depth 0 is a business area; `parent` is the activity one level up.
MATCH (act:Activity)
CALL (act) {
  OPTIONAL MATCH up = (act)-[:PART_OF*0..6]->(area:Activity)
  WHERE NOT EXISTS { (area)-[:PART_OF]->(:Activity) }
  RETURN area, length(up) AS depth ORDER BY depth DESC LIMIT 1
}
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
