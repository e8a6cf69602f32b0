// name: source-paths
// description: Every loaded source and the file it was loaded from (`kg load DIR --prune`
//   withdraws those whose file beneath DIR is gone); sources loaded before kg recorded
//   the file give the path of their document.
// returns: source, path
MATCH (s:Source)
WITH s, coalesce(s.file, s.path) AS path
WHERE path IS NOT NULL
RETURN s.id AS source, path
ORDER BY source
