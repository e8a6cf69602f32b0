// name: retract-nodes
// description: Withdraw one source's statement of fact nodes it no longer states; a node
//   that no source states any more is deleted (with its remaining relationships).
// template: __LABEL__ as in upsert-nodes.cypher
// param: source: string — the source id
// param: rows: list of {id}
// returns: nothing
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WITH n,
     [i IN range(0, size(coalesce(n.stated_in, [])) - 1) WHERE n.stated_in[i] <> $source] AS keep
SET n.sources   = [s IN coalesce(n.sources, []) WHERE s <> $source],
    n.stated_in = [i IN keep | n.stated_in[i]],
    n.pages     = [i IN keep | n.pages[i]],
    n.starts    = [i IN keep | n.starts[i]],
    n.ends      = [i IN keep | n.ends[i]],
    n.sentences = [i IN keep | n.sentences[i]]
WITH n WHERE size(n.sources) = 0
DETACH DELETE n
