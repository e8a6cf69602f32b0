// name: validate-sod-conflict
// description: Segregation of duties: a role responsible for an activity also monitors it.
// severity: error
// returns: ids, nodes, detail
MATCH (role:Role)-[:RESPONSIBLE]->(act:Activity)<-[m:MONITORS]-(role)
RETURN [role.id, act.id] AS ids, [role.name, act.name] AS nodes,
       'responsible and ' + m.rank + ' monitor' AS detail
ORDER BY role.id, act.code, act.starts[0], act.id
