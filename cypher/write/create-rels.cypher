// name: create-rels
// description: Create relationships that cannot exist yet, because one of their ends was
//   created by this load: cheaper than MERGE, which would scan the ends' relationships.
// template: __TYPE__, __FROM__, __TO__ as in upsert-rels.cypher
// param: source: string — the source id
// param: rows: list of {a, b, key, contexts, pages, starts, ends, sentences}
//   (a, b: element ids of the start and end nodes)
//   (key: {rank: …} for MONITORS, else {}; contexts: REPORTS_TO activity ids, else [])
// returns: nothing
UNWIND $rows AS row
MATCH (a:__FROM__) WHERE elementId(a) = row.a
MATCH (b:__TO__) WHERE elementId(b) = row.b
CREATE (a)-[r:__TYPE__]->(b)
SET r += row.key,
    r.sources   = [$source],
    r.stated_in = [p IN row.pages | $source],
    r.pages     = row.pages,
    r.starts    = row.starts,
    r.ends      = row.ends,
    r.sentences = row.sentences
FOREACH (_ IN CASE WHEN size(row.contexts) > 0 THEN [1] ELSE [] END |
  SET r.contexts = row.contexts,
      r.context_sources = [c IN row.contexts | $source],
      r.activities = row.contexts
)
