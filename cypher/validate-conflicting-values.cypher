// name: validate-conflicting-values
// description: Two sources state different values for the same property of a node (the graph shows the value of the source whose id sorts first).
// severity: warning
// returns: ids, nodes, detail
//
// Each node keeps, per source, the properties that source states as compact JSON
// (source_props, in the order of sources; written by loaders.rows.props_json). Inside a
// JSON string every '"' is escaped, so '"key":' and ',"' occur only between members:
// splitting there gives each source's value of a property, as JSON, without parsing.
MATCH (n:Role|Department|Output|Activity)
WHERE size(n.sources) > 1
UNWIND ['name', 'name_original', 'name_en', 'code', 'kind', 'description'] AS key
UNWIND range(0, size(n.sources) - 1) AS i
WITH n, key, n.sources[i] AS source, coalesce(n.source_props[i], '{}') AS js
WHERE js CONTAINS '"' + key + '":'
WITH n, key, source, split(split(js, '"' + key + '":')[1], ',"') AS parts
WITH n, key, source,
     CASE WHEN size(parts) = 1 THEN left(parts[0], size(parts[0]) - 1) ELSE parts[0] END AS value
ORDER BY n.id, key, source
WITH n, key, collect([source, value]) AS stated
WHERE size(stated) > 1 AND any(s IN stated WHERE s[1] <> stated[0][1])
RETURN [n.id] AS ids, [n.name] AS nodes,
       key + ': ' + reduce(text = '', s IN stated |
         text + CASE WHEN text = '' THEN '' ELSE ', ' END + s[1] + ' in ' + s[0]) AS detail
ORDER BY n.id, detail
