// name: shared-activities
// description: The activities two roles both take part in, with each one's letter.
// param: role: party (required) — e.g. 客户经理
// param: other: party (required) — e.g. 产品经理
// returns: activity, letter, other_letter
MATCH (a:Role|Department {id: $role})-[ra:RESPONSIBLE|ASSISTS|MONITORS]->(act:Activity)
      <-[rb:RESPONSIBLE|ASSISTS|MONITORS]-(b:Role|Department {id: $other})
WITH act,
     CASE type(ra) WHEN 'RESPONSIBLE' THEN 'R' WHEN 'ASSISTS' THEN 'S'
       ELSE CASE ra.rank WHEN 'first' THEN 'A' ELSE 'C' END END AS letter,
     CASE type(rb) WHEN 'RESPONSIBLE' THEN 'R' WHEN 'ASSISTS' THEN 'S'
       ELSE CASE rb.rank WHEN 'first' THEN 'A' ELSE 'C' END END AS other_letter
RETURN act.name AS activity, letter, other_letter
ORDER BY act.code, act.starts[0], activity, letter, other_letter
