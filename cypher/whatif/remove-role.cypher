// name: remove-role
// description: What-if (run in a transaction that is rolled back, see kg.notebook): remove
//   a role and every relationship it has.
// param: role: string — the role's id
// returns: removed (1 if the role was there)
MATCH (gone:Role {id: $role})
DETACH DELETE gone
RETURN count(*) AS removed
