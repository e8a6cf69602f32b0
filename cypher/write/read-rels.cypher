// name: read-rels
// description: The relationships of one type between two labels that a source states,
//   with that source's statements and (REPORTS_TO) its activity contexts.
// template: __TYPE__, __FROM__, __TO__ as in upsert-rels.cypher
// param: source: string — the source id
// returns: from, to, rank, statements, contexts
MATCH (a:__FROM__)-[r:__TYPE__]->(b:__TO__)
WHERE $source IN r.sources
WITH a, b, r, [i IN range(0, size(r.stated_in) - 1) WHERE r.stated_in[i] = $source] AS mine
RETURN a.id AS from, b.id AS to, r.rank AS rank,
       [i IN mine | [r.pages[i], r.starts[i], r.ends[i], r.sentences[i]]] AS statements,
       [i IN range(0, size(coalesce(r.context_sources, [])) - 1)
        WHERE r.context_sources[i] = $source | r.contexts[i]] AS contexts
