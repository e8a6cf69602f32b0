// name: upsert-rels
// description: Create or update relationships of one type between two labels for one
//   source, replacing that source's statements and keeping every other source's.
// template: __TYPE__ (RESPONSIBLE, ASSISTS, MONITORS, REPORTS_TO, PRODUCES, PART_OF,
//   BELONGS_TO, INTERFACES_WITH), __FROM__ / __TO__ (node labels), __KEY__ (empty, or
//   `{rank: row.rank}` for MONITORS, whose rank is part of its identity): substituted by
//   the loader from fixed lists; every value is a parameter.
// param: source: string — the source id
// param: rows: list of {a, b, rank, pages, starts, ends, sentences}
//   (a, b: element ids of the start and end nodes)
// returns: nothing
UNWIND $rows AS row
MATCH (a:__FROM__) WHERE elementId(a) = row.a
MATCH (b:__TO__) WHERE elementId(b) = row.b
MERGE (a)-[r:__TYPE__ __KEY__]->(b)
WITH r, row,
     [i IN range(0, size(coalesce(r.stated_in, [])) - 1) WHERE r.stated_in[i] <> $source] AS keep
SET r.sources   = [s IN coalesce(r.sources, []) WHERE s <> $source] + $source,
    r.stated_in = [i IN keep | r.stated_in[i]] + [p IN row.pages | $source],
    r.pages     = [i IN keep | r.pages[i]] + row.pages,
    r.starts    = [i IN keep | r.starts[i]] + row.starts,
    r.ends      = [i IN keep | r.ends[i]] + row.ends,
    r.sentences = [i IN keep | r.sentences[i]] + row.sentences
