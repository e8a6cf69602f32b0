// name: find
// description: Roles, departments, activities or outputs whose id or whole name (any script, or English in any case) is the text.
// param: text: string (required) — e.g. account manager
// param: labels: list (optional, one of Role|Department|Activity|Output, default Role,Department,Activity,Output) — e.g. Role
// returns: kind, id, name, name_original, name_en
//
// What `kg query` uses to turn a role or activity parameter into an id (`search` finds
// parts of names). Every branch is an index lookup: id, name and name_original by each
// label's range indexes, the English name (any case) through the full-text index
// kg_name_en (the phrase narrows, the toLower comparison decides).
CALL () {
  MATCH (n:Role) WHERE n.id = $text OR n.name = $text OR n.name_original = $text RETURN n
  UNION
  MATCH (n:Department) WHERE n.id = $text OR n.name = $text OR n.name_original = $text RETURN n
  UNION
  MATCH (n:Activity) WHERE n.id = $text OR n.name = $text OR n.name_original = $text RETURN n
  UNION
  MATCH (n:Output) WHERE n.id = $text OR n.name = $text OR n.name_original = $text RETURN n
  UNION
  CALL db.index.fulltext.queryNodes(
    'kg_name_en', '"' + replace(replace($text, '\\', '\\\\'), '"', '\\"') + '"'
  ) YIELD node AS n
  WITH n WHERE toLower(n.name_en) = toLower($text)
  RETURN n
}
WITH n WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN labels(n)[0] AS kind, n.id AS id, n.name AS name, n.name_original AS name_original,
       n.name_en AS name_en
ORDER BY kind, id
