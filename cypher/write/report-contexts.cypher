// name: report-contexts
// description: Replace one source's activity contexts on REPORTS_TO lines, and recompute
//   `activities` (the distinct contexts over all sources).
// template: __TO__ is Role or Department
// param: source: string — the source id
// param: rows: list of {from, to, contexts}   (contexts: activity ids; empty to withdraw)
// returns: nothing
UNWIND $rows AS row
MATCH (a:Role {id: row.from})-[r:REPORTS_TO]->(b:__TO__ {id: row.to})
WITH r, row,
     [i IN range(0, size(coalesce(r.context_sources, [])) - 1)
      WHERE r.context_sources[i] <> $source] AS keep
SET r.contexts        = [i IN keep | r.contexts[i]] + row.contexts,
    r.context_sources = [i IN keep | r.context_sources[i]] + [c IN row.contexts | $source]
WITH r
SET r.activities = reduce(acc = [], c IN r.contexts | CASE WHEN c IN acc THEN acc ELSE acc + c END)
