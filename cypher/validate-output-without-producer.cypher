// name: validate-output-without-producer
// description: An output that no activity produces.
// severity: warning
// returns: ids, nodes, detail
MATCH (output:Output)
WHERE NOT EXISTS { (:Activity)-[:PRODUCES]->(output) }
RETURN [output.id] AS ids, [output.name] AS nodes, 'produced by no activity' AS detail
ORDER BY output.id
