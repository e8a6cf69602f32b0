// name: retract-nodes
// description: Withdraw one source's statement of fact nodes it no longer states; a node
//   that no source states any more is deleted (with its remaining relationships); the
//   loader then restores the properties of the others from their source_props.
// template: __LABEL__ as in upsert-nodes.cypher
// param: source: string — the source id
// param: rows: list of {id}
// returns: nothing
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WITH n,
     [i IN range(0, size(coalesce(n.stated_in, [])) - 1) WHERE n.stated_in[i] <> $source] AS keep,
     [i IN range(0, size(coalesce(n.sources, [])) - 1) WHERE n.sources[i] <> $source] AS keep_s
SET n.source_props = [i IN keep_s | coalesce(n.source_props[i], '{}')],
    n.sources   = [i IN keep_s | n.sources[i]],
    n.stated_in = [i IN keep | n.stated_in[i]],
    n.pages     = [i IN keep | n.pages[i]],
    n.starts    = [i IN keep | n.starts[i]],
    n.ends      = [i IN keep | n.ends[i]],
    n.sentences = [i IN keep | n.sentences[i]]
WITH n WHERE size(n.sources) = 0
DETACH DELETE n
