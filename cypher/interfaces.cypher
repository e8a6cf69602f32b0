// name: interfaces
// description: Activities that interface with a department outside the roles doing the work.
// returns: activity, department, department_en
MATCH (act:Activity)-[:INTERFACES_WITH]->(dept:Department)
RETURN act.name AS activity, dept.name AS department, dept.name_en AS department_en
ORDER BY act.code, act.starts[0], activity, department
