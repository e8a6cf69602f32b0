// name: reporting-chain
// description: The reporting chain upward from a role, over all contexts or within one activity's.
// param: role: role (required) — e.g. 客户经理
// param: activity: activity (optional, default null) — e.g. 客户意见直接反馈
// returns: level, role, role_en, superior, superior_en, contexts
//
// One row per reporting line on the way up; level 1 holds the role's own superiors.
// Without $activity every line counts, whatever activity it was stated for; with it,
// only the lines stated in that activity's context (REPORTS_TO.activities holds the ids).
// `contexts` names the activities in whose context each line holds.
// In Neo4j Browser pass ids: :param role => 'role:客户经理'
MATCH (me:Role {id: $role})
MATCH chain = (me)-[lines:REPORTS_TO*1..10]->(:Role|Department)
WHERE $activity IS NULL OR all(line IN lines WHERE $activity IN line.activities)
// a line reached along several chains is listed once, at its lowest level
WITH last(lines) AS line, min(length(chain)) AS level
WITH level, line, startNode(line) AS role, endNode(line) AS superior
RETURN level,
       role.name AS role,
       role.name_en AS role_en,
       superior.name AS superior,
       superior.name_en AS superior_en,
       COLLECT {
         MATCH (context:Activity)
         WHERE context.id IN line.activities AND ($activity IS NULL OR context.id = $activity)
         RETURN context.name ORDER BY context.code, context.name
       } AS contexts
ORDER BY level, role, superior
