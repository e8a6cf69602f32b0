// name: sod-conflicts
// description: Segregation-of-duties conflicts: a role that is responsible for an activity and also monitors it.
// returns: role, role_en, activity, monitor_rank
MATCH (role:Role)-[:RESPONSIBLE]->(act:Activity)<-[m:MONITORS]-(role)
RETURN role.name AS role, role.name_en AS role_en, act.name AS activity, m.rank AS monitor_rank
ORDER BY role, act.code, act.starts[0], activity
