// name: validate-likely-duplicate
// description: Two roles or departments whose names differ only in script or by an office prefix (likely the same).
// severity: warning
// param: prefixes: list (optional, default 办事处,公司,部门) — e.g. 办事处,公司
// returns: ids, nodes, detail
//
// Same Simplified name or same original-script name on two nodes: they differ only in
// script. One name is the other with an office prefix in front (a department's name, or
// one of $prefixes): 办事处产品副主任 / 产品副主任.
//
// No pair of nodes is compared blindly (that is quadratic): candidates come from nodes
// grouped by name and by original name, and from each prefix's index seek (names that
// start with it) followed by an index lookup of the rest; the CASE below then decides.
CALL () {
  MATCH (n:Role|Department)
  WITH n.name AS key, collect(n) AS same
  WHERE size(same) > 1
  UNWIND same AS x
  UNWIND same AS y
  RETURN x, y
  UNION
  MATCH (n:Role|Department) WHERE n.name_original IS NOT NULL
  WITH n.name_original AS key, collect(n) AS same
  WHERE size(same) > 1
  UNWIND same AS x
  UNWIND same AS y
  RETURN x, y
  UNION
  CALL () {
    UNWIND $prefixes AS head RETURN head
    UNION
    MATCH (d:Department) RETURN d.name AS head
  }
  CALL (head) {
    MATCH (x:Role) WHERE x.name STARTS WITH head RETURN x
    UNION
    MATCH (x:Department) WHERE x.name STARTS WITH head RETURN x
  }
  WITH x, substring(x.name, size(head)) AS rest
  CALL (rest) {
    MATCH (y:Role) WHERE y.name = rest RETURN y
    UNION
    MATCH (y:Department) WHERE y.name = rest RETURN y
  }
  RETURN x, y
}
WITH x, y WHERE x.id < y.id OR y.id < x.id
WITH DISTINCT CASE WHEN x.id < y.id THEN x ELSE y END AS a,
              CASE WHEN x.id < y.id THEN y ELSE x END AS b
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
