// name: raci-matrix
// description: The RACI matrix as rows (one per activity and role), grouped by business area in document order.
// param: area: string (optional, default null) — e.g. 客户关系
// returns: area, activity, code, role, kind, letter, relation, activity_id, role_id
//
// Letters: R responsible, S assists, A first monitor, C other monitor (`kg raci` pivots
// these rows into a matrix and lets you change the letters). `kind` is Role or
// Department (a department can monitor). With $area (the name of a top-level activity)
// only the activities under it (up to six levels), found from the area down.
CALL () {
  MATCH (act:Activity) WHERE $area IS NULL RETURN act
  UNION
  MATCH (:Activity {name: $area})<-[:PART_OF*0..6]-(act:Activity) RETURN act
}
CALL (act) {
  OPTIONAL MATCH up = (act)-[:PART_OF*0..6]->(area:Activity {kind: 'area'})
  RETURN area AS top ORDER BY length(up) DESC LIMIT 1
}
MATCH (who:Role|Department)-[rel:RESPONSIBLE|ASSISTS|MONITORS]->(act)
WITH top, act, who,
     CASE type(rel) WHEN 'RESPONSIBLE' THEN 'responsible' WHEN 'ASSISTS' THEN 'assists'
       ELSE 'monitors-' + rel.rank END AS relation
WITH top, act, who, relation,
     CASE relation WHEN 'responsible' THEN 'R' WHEN 'assists' THEN 'S'
       WHEN 'monitors-first' THEN 'A' ELSE 'C' END AS letter
RETURN top.name AS area,
       act.name AS activity,
       act.code AS code,
       who.name AS role,
       labels(who)[0] AS kind,
       letter,
       relation,
       act.id AS activity_id,
       who.id AS role_id
ORDER BY top.code, top.starts[0], act.code, act.starts[0], activity,
         CASE letter WHEN 'R' THEN 1 WHEN 'S' THEN 2 WHEN 'A' THEN 3 ELSE 4 END, role
