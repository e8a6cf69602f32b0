// name: read-contexts
// description: The activities a source states reporting lines for (their contexts): a
//   refresh that reads an edit (loaders/delta.py) compares, beside the edited
//   activities, the others that state a line they state.
// template: __TO__ is Role or Department
// param: source: string — the source id
// param: lines: list of [from id, to id]
// returns: from, to, contexts
UNWIND $lines AS line
MATCH (a:Role {id: line[0]})-[r:REPORTS_TO]->(b:__TO__ {id: line[1]})
WHERE $source IN r.sources
RETURN a.id AS from, b.id AS to,
       [i IN range(0, size(coalesce(r.context_sources, [])) - 1)
        WHERE r.context_sources[i] = $source | r.contexts[i]] AS contexts
