// name: activity-detail
// description: One activity in full: code, kind, parent, description, outputs, interface departments and sources.
// param: activity: activity (required) — e.g. 客户意见直接反馈
// returns: activity, activity_en, code, kind, parent, description, outputs, interfaces, sub_activities, sources
MATCH (act:Activity {id: $activity})
OPTIONAL MATCH (act)-[:PART_OF]->(parent:Activity)
RETURN act.name AS activity,
       act.name_en AS activity_en,
       act.code AS code,
       act.kind AS kind,
       parent.name AS parent,
       act.description AS description,
       COLLECT { MATCH (act)-[:PRODUCES]->(o:Output) RETURN o.name ORDER BY o.name } AS outputs,
       COLLECT { MATCH (act)-[:INTERFACES_WITH]->(d:Department) RETURN d.name ORDER BY d.name }
         AS interfaces,
       COLLECT {
         MATCH (child:Activity)-[:PART_OF]->(act)
         RETURN child.name ORDER BY child.code, child.starts[0], child.name
       } AS sub_activities,
       act.sources AS sources
