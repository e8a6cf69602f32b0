// name: activities-without-responsible
// description: Activities that nobody is responsible for (leaf activities; a parent whose sub-activities carry the work is not listed).
// returns: area, activity, code, sub_activities
//
// A parent activity is listed only when one of its sub-activities lacks a responsible
// role too: `sub_activities` counts the parent's children (0 for a leaf).
MATCH (act:Activity {kind: 'activity'})
WHERE NOT EXISTS { (:Role)-[:RESPONSIBLE]->(act) }
  AND NOT EXISTS { (:Activity)-[:PART_OF]->(act) }
CALL (act) {
  OPTIONAL MATCH up = (act)-[:PART_OF*0..6]->(area:Activity {kind: 'area'})
  RETURN area ORDER BY length(up) DESC LIMIT 1
}
RETURN area.name AS area, act.name AS activity, act.code AS code,
       COUNT { (:Activity)-[:PART_OF]->(act) } AS sub_activities
ORDER BY act.code, act.starts[0], activity
