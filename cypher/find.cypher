// name: find
// description: Roles, departments, activities or outputs whose id or whole name (any script, or English in any case) is the text.
// param: text: string (required) — e.g. account manager
// param: labels: list (optional, one of Role|Department|Activity|Output, default Role,Department,Activity,Output) — e.g. Role
// returns: kind, id, name, name_original, name_en
//
// What `kg query` uses to turn a role or activity parameter into an id (`search` finds
// parts of names).
MATCH (n:Role|Department|Activity|Output)
WHERE any(label IN labels(n) WHERE label IN $labels)
  AND (n.id = $text OR n.name = $text OR n.name_original = $text
       OR toLower(n.name_en) = toLower($text))
RETURN labels(n)[0] AS kind, n.id AS id, n.name AS name, n.name_original AS name_original,
       n.name_en AS name_en
ORDER BY kind, id
