// name: source-file
// description: Record the file an unchanged source was loaded from this time (its absolute
//   path): a source keeps the file it was last loaded from, so `kg load DIR --prune`
//   finds it, and one recorded by an older kg with a relative path is placed again.
// param: source: string — the source id
// param: file: string — the file's absolute path
// returns: nothing
MATCH (s:Source {id: $source})
WHERE s.file IS NULL OR s.file <> $file
SET s.file = $file
