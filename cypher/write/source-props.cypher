// name: source-props
// description: The per-source properties of nodes that lost a source but are still
//   stated by others: the loader folds them (later sources win) into the visible ones.
// template: __LABEL__ as in upsert-nodes.cypher
// param: ids: list of strings
// returns: id, source_props
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, n.source_props AS source_props
