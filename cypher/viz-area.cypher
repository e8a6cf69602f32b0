// name: viz-area
// description: A business area as a drawable subgraph: its activities at every depth, who is responsible, assists and monitors them, their outputs and interface departments, the roles' departments, and the reporting lines stated in the area's activities (used by `kg viz area`).
// param: area: activity (required) — e.g. 客户关系
// returns: area (the area), nodes (every node to draw), relationships (every relationship to draw)
// $area is an id (`kg viz` and `kg query` resolve names first): an index seek.
MATCH (area:Activity {id: $area})
MATCH (member:Activity)-[:PART_OF*0..10]->(area)
WITH area, collect(DISTINCT member) AS members
CALL (members) {
  UNWIND members AS m
  OPTIONAL MATCH (m)-[l:RESPONSIBLE|ASSISTS|MONITORS|PRODUCES|PART_OF|INTERFACES_WITH]-(other)
  WHERE type(l) <> 'PART_OF' OR other IN members
  RETURN collect(DISTINCT l) AS attached
}
CALL (members) {
  WITH [m IN members | m.id] AS ids
  OPTIONAL MATCH (:Role)-[line:REPORTS_TO]->(:Role|Department)
  WHERE any(x IN line.activities WHERE x IN ids)
  RETURN collect(DISTINCT line) AS lines
}
CALL (attached, lines) {
  UNWIND attached + lines AS l
  WITH startNode(l) AS r
  MATCH (r:Role)-[b:BELONGS_TO]->(:Department)
  RETURN collect(DISTINCT b) AS belongs
}
WITH area, members, attached + lines + belongs AS relationships
RETURN area,
       reduce(ns = members, l IN relationships | ns + [startNode(l), endNode(l)]) AS nodes,
       relationships
