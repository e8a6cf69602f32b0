// name: read-stated-around
// description: The relationships a source states that touch some nodes, with the
//   activities a reporting line is stated for: who could still name a node an edit
//   removes (loaders/delta.py).
// template: __LABEL__ the nodes' label
// param: source: string — the source id
// param: ids: list of strings — the nodes' ids
// returns: type, from, to, rank, contexts
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})-[r]-(m)
WHERE $source IN r.sources
RETURN DISTINCT type(r) AS type, startNode(r).id AS from, endNode(r).id AS to,
       coalesce(r.rank, '') AS rank,
       [i IN range(0, size(coalesce(r.context_sources, [])) - 1)
        WHERE r.context_sources[i] = $source | r.contexts[i]] AS contexts
