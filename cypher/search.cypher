// name: search
// description: Find roles, departments, activities and outputs by name in any script or in English (part of a name is enough).
// param: text: name (required) — e.g. 客戶經理
// returns: kind, id, name, name_original, name_en
//
// Matches the id, the Simplified name, the original-script name, or the English name
// (case-insensitive). `kg query` folds Traditional input to Simplified first.
MATCH (n:Role|Department|Activity|Output)
WHERE n.id = $text
   OR n.name CONTAINS $text
   OR n.name_original CONTAINS $text
   OR toLower(n.name_en) CONTAINS toLower($text)
RETURN labels(n)[0] AS kind, n.id AS id, n.name AS name, n.name_original AS name_original,
       n.name_en AS name_en
ORDER BY CASE kind WHEN 'Role' THEN 1 WHEN 'Department' THEN 2 WHEN 'Activity' THEN 3 ELSE 4 END,
         size(name), name
