// name: create-rels
// description: Create relationships that cannot exist yet, because one of their ends is
//   new (staged by this load): cheaper than MERGE, which would scan the ends'
//   relationships. Between two staged nodes they are staged with them (for a large load
//   in batches of their own transactions, hidden until the nodes are published), else
//   written in the load's transaction.
// template: __TYPE__ as in upsert-rels.cypher
// param: source: string — the source id
// param: rows: list of [a, b, rank, contexts, pages, starts, ends, sentences]
//   (lists, not maps: cheaper to send and read; a, b: element ids of the start and end
//   nodes; rank: MONITORS only, else null; contexts: REPORTS_TO activity ids, else null —
//   a null property is not set). The columns are loaders.rows.CREATE_REL_COLUMNS, bound
//   by name as in stage-nodes.cypher.
// returns: nothing
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
CREATE (a)-[r:__TYPE__ {
  rank: row[2],
  sources: [$source], stated_in: [p IN row[4] | $source],
  pages: row[4], starts: row[5], ends: row[6], sentences: row[7],
  contexts: row[3], context_sources: [c IN row[3] | $source], activities: row[3]
}]->(b)
