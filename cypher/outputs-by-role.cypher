// name: outputs-by-role
// description: The outputs each role (or one role) works on, through the activities it is responsible for or assists.
// param: role: role (optional, default null) — e.g. 客户经理
// returns: role, letter, activity, output, output_en
//
// An output belongs to the activity that produces it (PRODUCES); a role working on a
// sub-activity works on its parent's outputs too (客户关系改进's outputs come from its
// two sub-activities). `activity` is the producing activity; R marks a responsible
// role, S an assisting one.
MATCH (role:Role)-[rel:RESPONSIBLE|ASSISTS]->(:Activity)-[:PART_OF*0..6]->(act:Activity)
      -[:PRODUCES]->(output:Output)
WHERE $role IS NULL OR role.id = $role
WITH DISTINCT role, CASE type(rel) WHEN 'RESPONSIBLE' THEN 'R' ELSE 'S' END AS letter, act, output
RETURN role.name AS role,
       letter,
       act.name AS activity,
       output.name AS output,
       output.name_en AS output_en
ORDER BY role, letter, act.code, act.starts[0], activity, output
