// name: subordinates
// description: Everyone below a role or department (direct and indirect), over all contexts or within one activity's.
// param: role: party (required) — e.g. 销售副主任
// param: activity: activity (optional, default null) — e.g. 市场信息收集与维护
// returns: level, role, role_en, reports_to, contexts
//
// One row per reporting line on the way down; level 1 holds those who report directly.
// `reports_to` is the superior of that line (the given role at level 1).
MATCH (boss:Role|Department {id: $role})
MATCH chain = (boss)<-[lines:REPORTS_TO*1..10]-(:Role)
WHERE $activity IS NULL OR all(line IN lines WHERE $activity IN line.activities)
WITH last(lines) AS line, min(length(chain)) AS level
WITH level, line, startNode(line) AS role, endNode(line) AS superior
RETURN level,
       role.name AS role,
       role.name_en AS role_en,
       superior.name AS reports_to,
       COLLECT {
         MATCH (context:Activity)
         WHERE context.id IN line.activities AND ($activity IS NULL OR context.id = $activity)
         RETURN context.name ORDER BY context.code, context.name
       } AS contexts
ORDER BY level, role, reports_to
