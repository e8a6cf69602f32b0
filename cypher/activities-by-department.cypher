// name: activities-by-department
// description: The activities of each department (or one): through its roles, its own monitoring, and the activities it interfaces with.
// param: department: department (optional, default null) — e.g. 办事处
// returns: department, via, letter, activity
//
// `via` is the member role that does the work, or the department itself for a
// department that monitors (A/C) or is an activity's interface department (I).
// Members of sub-departments count for their parents.
MATCH (dept:Department)
WHERE $department IS NULL OR dept.id = $department
CALL (dept) {
  MATCH (role:Role)-[:BELONGS_TO]->(:Department)-[:PART_OF*0..6]->(dept)
  MATCH (role)-[rel:RESPONSIBLE|ASSISTS|MONITORS]->(act:Activity)
  RETURN role.name AS via, act,
         CASE type(rel) WHEN 'RESPONSIBLE' THEN 'R' WHEN 'ASSISTS' THEN 'S'
           ELSE CASE rel.rank WHEN 'first' THEN 'A' ELSE 'C' END END AS letter
  UNION
  MATCH (dept)-[rel:MONITORS]->(act:Activity)
  RETURN dept.name AS via, act, CASE rel.rank WHEN 'first' THEN 'A' ELSE 'C' END AS letter
  UNION
  MATCH (act:Activity)-[:INTERFACES_WITH]->(dept)
  RETURN dept.name AS via, act, 'I' AS letter
}
RETURN dept.name AS department, via, letter, act.name AS activity
ORDER BY department, act.code, act.starts[0], activity, via, letter
