// name: validate-isolated-role
// description: A role that neither reports to anyone nor is reported to (outside every reporting line).
// severity: warning
// returns: ids, nodes, detail
//
// The top of a reporting chain is reported to, so it is not a finding.
MATCH (role:Role)
WHERE NOT EXISTS { (role)-[:REPORTS_TO]->() }
  AND NOT EXISTS { (:Role)-[:REPORTS_TO]->(role) }
RETURN [role.id] AS ids, [role.name] AS nodes, 'in no reporting line' AS detail
ORDER BY role.id
