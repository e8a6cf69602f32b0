// name: retract-rels
// description: Withdraw one source's statement of relationships it no longer states; a
//   relationship no source states any more is deleted.
// template: __TYPE__, __FROM__, __TO__ as in upsert-rels.cypher
// param: source: string — the source id
// param: rows: list of {from, to, rank}   (rank null except for MONITORS)
// returns: nothing
UNWIND $rows AS row
MATCH (a:__FROM__ {id: row.from})-[r:__TYPE__]->(b:__TO__ {id: row.to})
WHERE row.rank IS NULL OR r.rank = row.rank
WITH r,
     [i IN range(0, size(coalesce(r.stated_in, [])) - 1) WHERE r.stated_in[i] <> $source] AS keep
SET r.sources   = [s IN coalesce(r.sources, []) WHERE s <> $source],
    r.stated_in = [i IN keep | r.stated_in[i]],
    r.pages     = [i IN keep | r.pages[i]],
    r.starts    = [i IN keep | r.starts[i]],
    r.ends      = [i IN keep | r.ends[i]],
    r.sentences = [i IN keep | r.sentences[i]]
WITH r WHERE size(r.sources) = 0
DELETE r
