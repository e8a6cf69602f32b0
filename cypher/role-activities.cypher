// name: role-activities
// description: Everything a role (or department) touches: its RACI row, with each activity's business area.
// param: role: party (required) — e.g. 产品经理
// returns: area, activity, code, letters
//
// Letters: R responsible, S assists, A first monitor, C other monitor; two relations to
// one activity give both letters (R/A). Activities in document order.
MATCH (me:Role|Department {id: $role})-[rel:RESPONSIBLE|ASSISTS|MONITORS]->(act:Activity)
WITH act,
     CASE type(rel) WHEN 'RESPONSIBLE' THEN 'R' WHEN 'ASSISTS' THEN 'S'
       ELSE CASE rel.rank WHEN 'first' THEN 'A' ELSE 'C' END END AS letter
WITH act, collect(letter) AS letters
RETURN head(COLLECT {
         MATCH up = (act)-[:PART_OF*0..6]->(area:Activity {kind: 'area'})
         RETURN area.name ORDER BY length(up) DESC
       }) AS area,
       act.name AS activity,
       act.code AS code,
       reduce(s = '', l IN [x IN ['R', 'S', 'A', 'C'] WHERE x IN letters] |
              s + CASE s WHEN '' THEN '' ELSE '/' END + l) AS letters
ORDER BY act.code, act.starts[0], activity
