// name: validate-role-without-department
// description: A role that belongs to no department.
// severity: warning
// returns: ids, nodes, detail
MATCH (role:Role)
WHERE NOT EXISTS { (role)-[:BELONGS_TO]->(:Department) }
RETURN [role.id] AS ids, [role.name] AS nodes, 'no department' AS detail
ORDER BY role.id
