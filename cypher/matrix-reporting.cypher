// name: matrix-reporting
// description: Roles that report to different superiors in different activities (matrix reporting).
// returns: role, role_en, superior, superior_en, activities
//
// One row per reporting line of such a role. A role whose superiors all share the same
// contexts (one boss, or two bosses jointly for the same activities) is not listed.
MATCH (role:Role)-[line:REPORTS_TO]->(:Role|Department)
WITH role, collect(line) AS lines
WHERE size(lines) > 1
  AND any(l IN lines WHERE l.activities <> lines[0].activities)
UNWIND lines AS line
WITH role, line, endNode(line) AS superior
RETURN role.name AS role,
       role.name_en AS role_en,
       superior.name AS superior,
       superior.name_en AS superior_en,
       COLLECT {
         MATCH (context:Activity) WHERE context.id IN line.activities
         RETURN context.name ORDER BY context.code, context.name
       } AS activities
ORDER BY role, superior
