// name: activities-without-first-monitor
// description: Leaf activities without a first monitor (the accountable role or department).
// returns: area, activity, code, other_monitors
//
// A parent activity whose sub-activities carry the monitoring is not listed.
MATCH (act:Activity {kind: 'activity'})
WHERE NOT EXISTS { (:Role|Department)-[:MONITORS {rank: 'first'}]->(act) }
  AND NOT EXISTS { (:Activity)-[:PART_OF]->(act) }
CALL (act) {
  OPTIONAL MATCH up = (act)-[:PART_OF*0..6]->(area:Activity {kind: 'area'})
  RETURN area ORDER BY length(up) DESC LIMIT 1
}
RETURN area.name AS area, act.name AS activity, act.code AS code,
       COLLECT {
         MATCH (m)-[:MONITORS {rank: 'other'}]->(act) RETURN m.name ORDER BY m.name
       } AS other_monitors
ORDER BY act.code, act.starts[0], activity
