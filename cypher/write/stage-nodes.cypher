// name: stage-nodes
// description: Create nodes that no source states yet, hidden: labelled :KgStaged only, so
//   no query that names a fact label sees them, and connected only to other staged nodes.
//   A large load writes them in batches of their own transactions (a small one in its
//   transaction), then publish-nodes gives them their label in the load's one
//   transaction: a large load neither holds all its new nodes and relationships in one
//   transaction's memory nor shows half of them.
// param: source: string — the source id
// param: run: string — the load's run id (drop-staged.cypher tells a killed load's
//   remains from its own by it)
// param: rows: list of [id, name, name_original, name_en, code, kind, description,
//   source_props, pages, starts, ends, sentences] (lists, not maps: a third cheaper to send
//   and read; a null property is not set; source_props: the source's properties as JSON).
//   The columns are loaders.rows.STAGE_NODE_COLUMNS, derived from kg.schema; each row[i]
//   is written to the property of its column's name (tests/unit/loaders/test_rows.py);
//   name_en_lower is derived from name_en (kg.schema.NAME_EN_LOWER: `search`'s index).
// returns: ids, eids (one row: the new nodes' ids and element ids, in the same order)
UNWIND $rows AS row
CREATE (n:KgStaged {
  id: row[0], name: row[1], name_original: row[2], name_en: row[3], name_en_lower: toLower(row[3]),
  code: row[4], kind: row[5], description: row[6],
  staged_by: $run, sources: [$source], source_props: [row[7]], stated_in: [p IN row[8] | $source],
  pages: row[8], starts: row[9], ends: row[10], sentences: row[11]
})
RETURN collect(row[0]) AS ids, collect(elementId(n)) AS eids
