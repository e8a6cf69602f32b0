// name: upsert-nodes
// description: Create or update fact nodes of one label for one source, replacing that
//   source's statements (provenance) and keeping every other source's.
// template: __LABEL__ is Department, Role, Output or Activity, substituted by the loader
//   from a fixed list (labels cannot be parameters); every value is a parameter.
// param: source: string — the source id
// param: rows: list of {id, props, props_json, pages, starts, ends, sentences}
//   (props_json: the same properties as JSON; source_props keeps one per source, in the
//   order of `sources`, so that withdrawing a source can restore the others' values)
// returns: nothing
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n += row.props
// derived, for `search` (kg.schema.NAME_EN_LOWER); a null removes it with the name
SET n.name_en_lower = toLower(n.name_en)
WITH n, row,
     [i IN range(0, size(coalesce(n.stated_in, [])) - 1) WHERE n.stated_in[i] <> $source] AS keep,
     [i IN range(0, size(coalesce(n.sources, [])) - 1) WHERE n.sources[i] <> $source] AS keep_s
SET n.source_props = [i IN keep_s | coalesce(n.source_props[i], '{}')] + row.props_json,
    n.sources   = [i IN keep_s | n.sources[i]] + $source,
    n.stated_in = [i IN keep | n.stated_in[i]] + [p IN row.pages | $source],
    n.pages     = [i IN keep | n.pages[i]] + row.pages,
    n.starts    = [i IN keep | n.starts[i]] + row.starts,
    n.ends      = [i IN keep | n.ends[i]] + row.ends,
    n.sentences = [i IN keep | n.sentences[i]] + row.sentences
