// name: source-paths
// description: Every loaded source and the file it was loaded from (`kg load DIR --prune`
//   withdraws those whose file beneath DIR is gone).
// returns: source, path
MATCH (s:Source)
WHERE s.path IS NOT NULL
RETURN s.id AS source, s.path AS path
ORDER BY source
