// name: neighbours
// description: A node and its relationships to roles, departments, activities and outputs, a page at a time (reporting lines first, then RACI, departments, parts, outputs, interfaces), with how many there are in all: what `kg explore` draws when a node is expanded.
// param: node: node (required) — e.g. 客户经理
// param: skip: int (optional, default 0) — e.g. 50
// param: limit: int (optional, default 50) — e.g. 20
// returns: node, total, links (each [relationship, the node at its other end])
//
// $node is an id (`kg query` and `kg explore` resolve names first): one index seek per
// label. `total` counts every such relationship of the node, so that a caller can say
// "+N more" and ask for the next page with $skip.
CALL () {
  MATCH (n:Role {id: $node}) RETURN n
  UNION
  MATCH (n:Department {id: $node}) RETURN n
  UNION
  MATCH (n:Activity {id: $node}) RETURN n
  UNION
  MATCH (n:Output {id: $node}) RETURN n
}
RETURN n AS node,
       COUNT { (n)-[]-(:Role|Department|Activity|Output) } AS total,
       COLLECT {
         MATCH (n)-[l]-(m:Role|Department|Activity|Output)
         WITH l, m,
              CASE type(l)
                WHEN 'REPORTS_TO' THEN 1 WHEN 'RESPONSIBLE' THEN 2 WHEN 'MONITORS' THEN 3
                WHEN 'ASSISTS' THEN 4 WHEN 'BELONGS_TO' THEN 5 WHEN 'PART_OF' THEN 6
                WHEN 'PRODUCES' THEN 7 ELSE 8
              END AS rank
         RETURN [l, m] ORDER BY rank, m.name, m.id, elementId(l) SKIP $skip LIMIT $limit
       } AS links
