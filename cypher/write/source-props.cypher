// name: source-props
// description: The per-source properties of nodes whose sources changed (one withdrew,
//   or one restated them): the loader folds them into the visible ones (when sources
//   disagree, the source whose id sorts first gives the value; loaders.rows.fold_props).
// template: __LABEL__ as in upsert-nodes.cypher
// param: ids: list of strings
// returns: id, sources, source_props
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, n.sources AS sources, n.source_props AS source_props
