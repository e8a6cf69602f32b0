// name: viz-model
// description: The whole model as a drawable subgraph: every role, activity, business area, output and department and every relationship between them (used by `kg viz model`).
// returns: nodes (every fact node), relationships (every fact relationship)
MATCH (n)
WHERE n:Role OR n:Activity OR n:Output OR n:Department
WITH collect(n) AS nodes
CALL () {
  MATCH (:Role|Activity|Output|Department)-[l:RESPONSIBLE|ASSISTS|MONITORS|REPORTS_TO|PRODUCES|PART_OF|BELONGS_TO|INTERFACES_WITH]->(:Role|Activity|Output|Department)
  RETURN collect(l) AS relationships
}
RETURN nodes, relationships
