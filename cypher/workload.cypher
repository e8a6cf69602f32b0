// name: workload
// description: Workload per role: how many activities it is responsible for, assists, and monitors.
// returns: role, role_en, responsible, assists, first_monitor, other_monitor, total
//
// Counts leaf and parent activities alike (each relationship once). Busiest first.
MATCH (role:Role)
RETURN role.name AS role,
       role.name_en AS role_en,
       COUNT { (role)-[:RESPONSIBLE]->(:Activity) } AS responsible,
       COUNT { (role)-[:ASSISTS]->(:Activity) } AS assists,
       COUNT { (role)-[:MONITORS {rank: 'first'}]->(:Activity) } AS first_monitor,
       COUNT { (role)-[:MONITORS {rank: 'other'}]->(:Activity) } AS other_monitor,
       COUNT { (role)-[:RESPONSIBLE|ASSISTS|MONITORS]->(:Activity) } AS total
ORDER BY total DESC, responsible DESC, role
