// name: export-nodes
// description: Every fact node (role, department, activity, output) with its label and all properties, provenance included.
// returns: label, id, properties
MATCH (n:Role|Department|Activity|Output)
RETURN labels(n)[0] AS label, n.id AS id, properties(n) AS properties
ORDER BY CASE label WHEN 'Department' THEN 1 WHEN 'Role' THEN 2 WHEN 'Activity' THEN 3 ELSE 4 END, id
