// name: sources
// description: The loaded sources (documents, model files, RACI CSVs) and how many facts each states.
// returns: source, kind, title, version, loaded_at, nodes, relationships
MATCH (s:Source)
RETURN s.id AS source,
       s.kind AS kind,
       s.title AS title,
       s.version AS version,
       s.loaded_at AS loaded_at,
       COUNT { MATCH (n:Role|Department|Activity|Output) WHERE s.id IN n.sources RETURN n } AS nodes,
       COUNT { MATCH ()-[r]->() WHERE s.id IN r.sources RETURN r } AS relationships
ORDER BY source
