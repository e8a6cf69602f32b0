// name: search
// description: Find roles, departments, activities and outputs by name in any script or in English (part of a name is enough).
// param: text: name (required) — e.g. 客戶經理
// returns: kind, id, name, name_original, name_en
//
// Matches the id, the Simplified name, the original-script name, or the English name
// (case-insensitive). `kg query` folds Traditional input to Simplified first.
// Every branch seeks an index: the id by each label's uniqueness constraint, part of a
// name by the TEXT (trigram) indexes kg_text_LABEL_name, _name_original and
// _name_en_lower (name_en_lower = toLower(name_en), written by the loader).
CALL () {
  MATCH (n:Role) WHERE n.id = $text RETURN n
  UNION
  MATCH (n:Role) WHERE n.name CONTAINS $text RETURN n
  UNION
  MATCH (n:Role) WHERE n.name_original CONTAINS $text RETURN n
  UNION
  MATCH (n:Role) WHERE n.name_en_lower CONTAINS toLower($text) RETURN n
  UNION
  MATCH (n:Department) WHERE n.id = $text RETURN n
  UNION
  MATCH (n:Department) WHERE n.name CONTAINS $text RETURN n
  UNION
  MATCH (n:Department) WHERE n.name_original CONTAINS $text RETURN n
  UNION
  MATCH (n:Department) WHERE n.name_en_lower CONTAINS toLower($text) RETURN n
  UNION
  MATCH (n:Activity) WHERE n.id = $text RETURN n
  UNION
  MATCH (n:Activity) WHERE n.name CONTAINS $text RETURN n
  UNION
  MATCH (n:Activity) WHERE n.name_original CONTAINS $text RETURN n
  UNION
  MATCH (n:Activity) WHERE n.name_en_lower CONTAINS toLower($text) RETURN n
  UNION
  MATCH (n:Output) WHERE n.id = $text RETURN n
  UNION
  MATCH (n:Output) WHERE n.name CONTAINS $text RETURN n
  UNION
  MATCH (n:Output) WHERE n.name_original CONTAINS $text RETURN n
  UNION
  MATCH (n:Output) WHERE n.name_en_lower CONTAINS toLower($text) RETURN n
}
RETURN labels(n)[0] AS kind, n.id AS id, n.name AS name, n.name_original AS name_original,
       n.name_en AS name_en
ORDER BY CASE kind WHEN 'Role' THEN 1 WHEN 'Department' THEN 2 WHEN 'Activity' THEN 3 ELSE 4 END,
         size(name), name
