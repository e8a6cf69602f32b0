// name: read-nodes
// description: The fact nodes of one label that a source states, with that source's
//   statements: what a refresh compares the new model with.
// template: __LABEL__ as in upsert-nodes.cypher
// param: source: string — the source id
// returns: id, props (as JSON, what this source states), statements ([page, start, end, sentence] each)
MATCH (n:__LABEL__)
WHERE $source IN n.sources
WITH n, [i IN range(0, size(n.stated_in) - 1) WHERE n.stated_in[i] = $source] AS mine
RETURN n.id AS id,
       [i IN range(0, size(n.sources) - 1) WHERE n.sources[i] = $source
        | coalesce(n.source_props[i], '{}')][0] AS props,
       [i IN mine | [n.pages[i], n.starts[i], n.ends[i], n.sentences[i]]] AS statements
