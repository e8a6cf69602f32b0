// name: role-impact
// description: What happens if a role disappears: activities left without a responsible role or first monitor, and roles left without a superior.
// param: role: role (required) — e.g. 客户经理
// returns: effect, subject, relation, remaining
//
// One row per relationship the role has. `remaining` lists who would still hold the same
// relation (the other responsible roles, the other first monitors, the other superiors
// in the same contexts); an empty list is a gap.
MATCH (gone:Role {id: $role})
CALL (gone) {
  MATCH (gone)-[:RESPONSIBLE]->(act:Activity)
  WITH act, COLLECT {
    MATCH (other:Role)-[:RESPONSIBLE]->(act) WHERE other <> gone RETURN other.name ORDER BY other.name
  } AS remaining
  RETURN CASE size(remaining) WHEN 0 THEN 'no responsible role left' ELSE 'shared responsibility' END
           AS effect, act.name AS subject, 'R' AS relation, remaining,
         act.code AS position
  UNION
  MATCH (gone)-[:MONITORS {rank: 'first'}]->(act:Activity)
  WITH act, COLLECT {
    MATCH (other)-[:MONITORS {rank: 'first'}]->(act) WHERE other <> gone
    RETURN other.name ORDER BY other.name
  } AS remaining
  RETURN CASE size(remaining) WHEN 0 THEN 'no first monitor left' ELSE 'another first monitor' END
           AS effect, act.name AS subject, 'A' AS relation, remaining,
         act.code AS position
  UNION
  MATCH (gone)-[rel:ASSISTS|MONITORS]->(act:Activity)
  WHERE type(rel) = 'ASSISTS' OR rel.rank = 'other'
  WITH act, rel, COLLECT {
    MATCH (other)-[r2]->(act) WHERE other <> gone AND type(r2) = type(rel)
      AND (type(r2) = 'ASSISTS' OR r2.rank = 'other')
    RETURN other.name ORDER BY other.name
  } AS remaining
  RETURN CASE type(rel) WHEN 'ASSISTS' THEN 'loses an assisting role' ELSE 'loses a monitor' END
           AS effect, act.name AS subject,
         CASE type(rel) WHEN 'ASSISTS' THEN 'S' ELSE 'C' END AS relation, remaining,
         act.code AS position
  UNION
  // a subordinate keeps a superior if another line covers the same contexts
  MATCH (sub:Role)-[line:REPORTS_TO]->(gone)
  WITH sub, line, COLLECT {
    MATCH (sub)-[other:REPORTS_TO]->(boss) WHERE boss <> gone
      AND any(a IN line.activities WHERE a IN other.activities)
    RETURN boss.name ORDER BY boss.name
  } AS remaining
  RETURN CASE size(remaining) WHEN 0 THEN 'no superior left' ELSE 'another superior' END
           AS effect, sub.name AS subject, 'reports to' AS relation, remaining,
         null AS position
}
RETURN effect, subject, relation, remaining
ORDER BY position, subject, relation
