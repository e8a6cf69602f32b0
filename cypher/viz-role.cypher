// name: viz-role
// description: The neighbourhood of a role as a drawable subgraph: what it is responsible for, assists and monitors, whom it reports to and who reports to it, its department, the outputs it is responsible for and the business areas around (used by `kg viz role`).
// param: role: role (required) — e.g. 客户经理
// returns: role (the role), nodes (every node to draw), relationships (every relationship to draw)
// $role is an id (`kg viz` and `kg query` resolve names first): an index seek.
MATCH (role:Role {id: $role})
WITH role,
     COLLECT {
       MATCH (role)-[l:RESPONSIBLE|ASSISTS|MONITORS|REPORTS_TO|BELONGS_TO]-(:Role|Activity|Department)
       RETURN DISTINCT l
     } + COLLECT {
       MATCH (role)-[:RESPONSIBLE]->(:Activity)-[l:PRODUCES]->(:Output)
       RETURN DISTINCT l
     } + COLLECT {
       MATCH (role)-[:RESPONSIBLE|ASSISTS|MONITORS]->(:Activity)-[l:PART_OF]->(:Activity)
       RETURN DISTINCT l
     } AS relationships
RETURN role,
       reduce(ns = [role], l IN relationships | ns + [startNode(l), endNode(l)]) AS nodes,
       relationships
