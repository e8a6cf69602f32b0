// name: create-nodes
// description: Create fact nodes of one label that no source states yet (the loader has
//   checked they do not exist): cheaper than MERGE, which would look each one up again.
// template: __LABEL__ as in upsert-nodes.cypher
// param: source: string — the source id
// param: rows: list of {id, props, props_json, pages, starts, ends, sentences}
//   (props_json: the same properties as JSON, kept per source in source_props)
// returns: id, eid (the element id each new node got)
UNWIND $rows AS row
CREATE (n:__LABEL__ {id: row.id})
SET n += row.props,
    n.sources   = [$source],
    n.source_props = [row.props_json],
    n.stated_in = [p IN row.pages | $source],
    n.pages     = row.pages,
    n.starts    = row.starts,
    n.ends      = row.ends,
    n.sentences = row.sentences
RETURN n.id AS id, elementId(n) AS eid
