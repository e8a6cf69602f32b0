// name: department-roles
// description: The roles of each department (or one), including those of its sub-departments.
// param: department: department (optional, default null) — e.g. 办事处
// returns: department, role, role_en, via
//
// `via` names the sub-department a role belongs to directly (the department itself if
// the role is a direct member).
MATCH (role:Role)-[:BELONGS_TO]->(direct:Department)-[:PART_OF*0..6]->(dept:Department)
WHERE $department IS NULL OR dept.id = $department
RETURN dept.name AS department, role.name AS role, role.name_en AS role_en, direct.name AS via
ORDER BY department, role
