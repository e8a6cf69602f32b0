// name: provenance
// description: Where a relationship comes from: source, page, character span and sentence of every statement of it.
// param: from_node: node (required) — e.g. 客户经理
// param: type: string (optional, one of RESPONSIBLE|ASSISTS|MONITORS|REPORTS_TO|PRODUCES|PART_OF|BELONGS_TO|INTERFACES_WITH, default null) — e.g. REPORTS_TO
// param: to_node: node (optional, default null) — e.g. 销售副主任
// returns: from, type, to, source, page, start, end, sentence
//
// Lists the relationships of $from_node (either direction), optionally only those of
// one type and/or to one other node, one row per statement. `from`/`to` follow the
// relationship's own direction.
MATCH (a:Role|Department|Activity|Output {id: $from_node})-[rel]-(b:Role|Department|Activity|Output)
WHERE ($type IS NULL OR type(rel) = toUpper($type))
  AND ($to_node IS NULL OR b.id = $to_node)
UNWIND range(0, size(coalesce(rel.stated_in, [])) - 1) AS i
RETURN startNode(rel).name AS from,
       type(rel) AS type,
       endNode(rel).name AS to,
       rel.stated_in[i] AS source,
       rel.pages[i] AS page,
       rel.starts[i] AS start,
       rel.ends[i] AS end,
       rel.sentences[i] AS sentence
ORDER BY type, from, to, source, start
