// name: restore-props
// description: Set the visible properties of nodes from the sources that state them,
//   folded by the loader (a null removes a property no source states).
// template: __LABEL__ as in upsert-nodes.cypher
// param: source: string — the source id being withdrawn (unused, for a uniform call)
// param: rows: list of {id, props}
// returns: nothing
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
SET n += row.props
// derived, for `search` (kg.schema.NAME_EN_LOWER); a null removes it with the name
SET n.name_en_lower = toLower(n.name_en)
