// name: activity-roles
// description: Who is responsible for, assists and monitors an activity (its RACI column).
// param: activity: activity (required) — e.g. 客户意见直接反馈
// returns: letter, relation, name, name_en, kind
//
// Letters: R responsible, S assists, A first monitor, C other monitor.
MATCH (activity:Activity {id: $activity})
CALL (activity) {
  MATCH (who:Role)-[:RESPONSIBLE]->(activity)
  RETURN 1 AS ordinal, 'R' AS letter, 'responsible' AS relation, who
  UNION
  MATCH (who:Role)-[:ASSISTS]->(activity)
  RETURN 2 AS ordinal, 'S' AS letter, 'assists' AS relation, who
  UNION
  MATCH (who:Role|Department)-[m:MONITORS]->(activity)
  RETURN CASE m.rank WHEN 'first' THEN 3 ELSE 4 END AS ordinal,
         CASE m.rank WHEN 'first' THEN 'A' ELSE 'C' END AS letter,
         'monitors (' + m.rank + ')' AS relation, who
}
RETURN letter, relation, who.name AS name, who.name_en AS name_en, labels(who)[0] AS kind
ORDER BY ordinal, name
