// name: sole-responsible
// description: Roles that are the sole responsible role for many activities (a single point of failure).
// param: min: int (optional, default 2) — e.g. 3
// returns: role, role_en, activities, names
MATCH (role:Role)-[:RESPONSIBLE]->(act:Activity)
WHERE COUNT { (:Role)-[:RESPONSIBLE]->(act) } = 1
WITH role, act ORDER BY act.code, act.starts[0], act.name
WITH role, collect(act.name) AS names
WHERE size(names) >= $min
RETURN role.name AS role, role.name_en AS role_en, size(names) AS activities, names
ORDER BY activities DESC, role
