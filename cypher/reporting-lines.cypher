// name: reporting-lines
// description: Every reporting line (or one role's), with the activities in whose context it holds.
// param: role: role (optional, default null) — e.g. 产品经理
// returns: role, role_en, superior, superior_en, activities
MATCH (role:Role)-[line:REPORTS_TO]->(superior:Role|Department)
WHERE $role IS NULL OR role.id = $role
RETURN role.name AS role,
       role.name_en AS role_en,
       superior.name AS superior,
       superior.name_en AS superior_en,
       COLLECT {
         MATCH (context:Activity) WHERE context.id IN line.activities
         RETURN context.name ORDER BY context.code, context.name
       } AS activities
ORDER BY role, superior
