// name: validate-likely-duplicate
// description: Two roles or departments whose names differ only in script or by an office prefix (likely the same).
// severity: warning
// param: prefixes: list (optional, default 办事处,公司,部门) — e.g. 办事处,公司
// returns: ids, nodes, detail
//
// Same Simplified name or same original-script name on two nodes: they differ only in
// script. One name is the other with an office prefix in front (a department's name, or
// one of $prefixes): 办事处产品副主任 / 产品副主任.
MATCH (a:Role|Department), (b:Role|Department)
WHERE a.id < b.id
WITH a, b,
     CASE
       WHEN a.name = b.name OR a.name_original = b.name_original THEN 'differ only in script'
       WHEN a.name ENDS WITH b.name
            AND (substring(a.name, 0, size(a.name) - size(b.name)) IN $prefixes
                 OR EXISTS { (d:Department) WHERE d.name = substring(a.name, 0, size(a.name) - size(b.name)) })
         THEN 'differ by the office prefix ' + substring(a.name, 0, size(a.name) - size(b.name))
       WHEN b.name ENDS WITH a.name
            AND (substring(b.name, 0, size(b.name) - size(a.name)) IN $prefixes
                 OR EXISTS { (d:Department) WHERE d.name = substring(b.name, 0, size(b.name) - size(a.name)) })
         THEN 'differ by the office prefix ' + substring(b.name, 0, size(b.name) - size(a.name))
     END AS detail
WHERE detail IS NOT NULL
RETURN [a.id, b.id] AS ids, [a.name, b.name] AS nodes, detail
ORDER BY ids
