// name: export-relationships
// description: Every relationship between fact nodes with its type, ends (ids) and all properties, provenance included.
// returns: type, start, end, properties
MATCH (a:Role|Department|Activity|Output)-[r]->(b:Role|Department|Activity|Output)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
ORDER BY type, start, end, properties.rank
